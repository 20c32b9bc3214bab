from __future__ import annotations

from typing import Any

from django.test import Client
from openapi_spec_validator import validate

from twinnings.core.api import api

PATHS = {
    "/api/v1/stats",
    "/api/v1/sources",
    "/api/v1/places",
    "/api/v1/places/{id}",
    "/api/v1/places/{id}/twinnings",
    "/api/v1/places/{id}/recommendations",
    "/api/v1/twinnings",
    "/api/v1/countries",
    "/api/v1/countries/{code}",
}


def test_the_openapi_document_is_valid_and_lists_every_path(get_json: Any, db: None) -> None:
    schema = get_json("/api/v1/openapi.json")

    validate(schema)
    assert schema["info"]["title"] == "Twinnings"
    assert schema["info"]["version"] == "1"
    assert set(schema["paths"]) >= PATHS  # the read API; the write API has its own tests
    for path in PATHS:
        operations = schema["paths"][path]
        assert set(operations) == {"get"}, path
        responses = operations["get"]["responses"]
        assert {"200", "400", "404", "422"} <= set(responses), path


def test_list_operations_document_limit_and_offset(get_json: Any, db: None) -> None:
    schema = get_json("/api/v1/openapi.json")

    for path in ("/api/v1/places", "/api/v1/places/{id}/twinnings", "/api/v1/twinnings"):
        parameters = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert parameters["limit"]["schema"]["maximum"] == 500, path
        assert parameters["limit"]["schema"]["default"] == 50, path
        assert parameters["offset"]["schema"]["minimum"] == 0, path
    twinnings = {p["name"] for p in schema["paths"]["/api/v1/twinnings"]["get"]["parameters"]}
    assert {"country", "partner_country", "status", "kind", "source", "place", "domestic", "format"} <= twinnings
    content = schema["paths"]["/api/v1/twinnings"]["get"]["responses"]["200"]["content"]
    assert {"application/json", "text/csv", "application/geo+json"} <= set(content)


def test_the_stats_schema_is_the_contract(get_json: Any, db: None) -> None:
    components = get_json("/api/v1/openapi.json")["components"]["schemas"]

    assert set(components["StatsOut"]["properties"]) == {"places", "twinnings", "countries", "sources"}
    assert set(components["SourceSummaryOut"]["properties"]) == {
        "name",
        "rows_read",
        "pairs",
        "pairs_resolved",
        "unresolved",
    }
    assert set(components["PlaceOut"]["properties"]) == {
        "id",
        "geonames_id",
        "name",
        "country",
        "kind",
        "population",
        "lat",
        "lon",
    }


def test_the_interactive_docs_are_served(client: Client, db: None) -> None:
    response = client.get("/api/v1/docs")

    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_the_api_root_links_to_the_docs_and_collections(get_json: Any, db: None) -> None:
    body = get_json("/api/v1/")

    assert body["docs"] == "http://testserver/api/v1/docs"
    assert body["openapi.json"] == "http://testserver/api/v1/openapi.json"
    assert body["twinnings"] == "http://testserver/api/v1/twinnings"


def test_no_two_schemas_share_a_name(db: None, monkeypatch: Any) -> None:
    """django-ninja keys component schemas by class name: a second class of the same name would
    silently replace the first in openapi.json, documenting one endpoint with another's schema."""
    from ninja.openapi.schema import OpenAPISchema

    replaced: list[str] = []
    add = OpenAPISchema.add_schema_definitions

    def checked(self: OpenAPISchema, definitions: dict[str, Any]) -> None:
        replaced.extend(name for name, schema in definitions.items() if self.schemas.get(name, schema) != schema)
        add(self, definitions)

    monkeypatch.setattr(OpenAPISchema, "add_schema_definitions", checked)
    schema = api.get_openapi_schema()
    assert replaced == []
    assert len(schema["components"]["schemas"]) > 100


def test_every_operation_that_takes_credentials_documents_401(get_json: Any, db: None) -> None:
    schema = get_json("/api/v1/openapi.json")

    undocumented = [
        f"{method.upper()} {path}"
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if operation.get("security") and "401" not in operation["responses"]
    ]
    assert undocumented == []
