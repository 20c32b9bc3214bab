"""The database: fast bulk inserts for the imports (COPY on PostgreSQL, executemany elsewhere),
and the migrations it has not applied."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.migrations.executor import MigrationExecutor

Row = Sequence[Any]


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[Row], batch: int = 10000) -> int:
    """Insert plain tuples into `table` without building model instances; returns the count."""
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            sql = f"COPY {table} ({', '.join(columns)}) FROM STDIN"
            with cursor.cursor.copy(sql) as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
        chunk: list[Row] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= batch:
                cursor.executemany(sql, chunk)
                count += len(chunk)
                chunk = []
        cursor.executemany(sql, chunk)
        return count + len(chunk)


def analyze() -> None:
    """Refresh the query planner's statistics after a bulk import (PostgreSQL servers may run
    without autovacuum; SQLite keeps none until asked)."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def unapplied_migrations() -> list[str]:
    """The migrations the database has not applied yet, in order (all of them on a new database)."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]
