"""Fast bulk inserts for the imports: COPY on PostgreSQL, executemany elsewhere."""

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection

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
