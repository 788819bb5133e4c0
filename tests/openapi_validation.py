"""Validate JSON against the schemas and operations of an OpenAPI 3.0 document, with jsonschema.

OpenAPI 3.0 schemas are a dialect of JSON Schema Draft 4 (boolean ``exclusiveMinimum``,
``$ref`` siblings ignored) with two differences that matter here:

- ``nullable: true`` becomes ``type: [<type>, "null"]`` (or an ``anyOf`` with null);
- ``discriminator`` selects the subtype by a property (``type``). JSON Schema cannot say that,
  so each schema with a discriminator gets an ``x-discriminator`` keyword that validates the
  object against the subtype its ``type`` names: an unknown or missing ``type`` is an error,
  and (stricter than the spec, to catch misspelt fields) so is a property that neither the
  subtype nor its parents declare. Subtypes point back at their parent through ``allOf``; those
  references are redirected to a copy of the parent without the discriminator, so the
  dispatch does not loop.

The spec itself is never edited: the converted copy lives in memory.
"""

from __future__ import annotations

import copy
import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft4Validator, ValidationError, validators
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

_SCHEMAS = "#/components/schemas/"
_BASE_SUFFIX = "~base"
_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


def convert_schema(node: Any) -> Any:
    """An OpenAPI 3.0 schema as Draft 4 JSON Schema (``nullable`` applied), recursively."""
    if isinstance(node, list):
        return [convert_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key == "nullable":
            continue
        if key in ("properties", "patternProperties") and isinstance(value, dict):
            out[key] = {name: convert_schema(schema) for name, schema in value.items()}
        elif key in ("items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"):
            out[key] = convert_schema(value)
        else:
            out[key] = copy.deepcopy(value)
    if node.get("nullable") is True:
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


@dataclass(frozen=True)
class Operation:
    """One method on one path template, with what its request must look like."""

    method: str
    template: str
    operation_id: str
    body_schema: dict[str, Any] | None
    body_required: bool
    headers: dict[str, tuple[bool, dict[str, Any]]] = field(default_factory=dict)
    """Header name (lower case) -> (required, schema)."""
    servers: tuple[str, ...] = ()
    """The operation's own server URLs (e.g. LINE's ``https://api-data.line.me``); empty: the document's."""


class OpenAPIDocument:
    """A loaded OpenAPI 3.0 document that validates instances and requests."""

    def __init__(self, path: Path, strict_properties: bool = True) -> None:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        self._strict = strict_properties
        self._doc = {"components": {"schemas": _prepare(raw.get("components", {}).get("schemas", {}))}}
        self._uri = f"urn:openapi:{path.name}"
        self._registry: Registry[Any] = Registry().with_resource(
            self._uri, Resource.from_contents(self._doc, default_specification=DRAFT4)
        )
        self._validator_class = validators.extend(Draft4Validator, {"x-discriminator": self._discriminator})
        self._operations = list(_operations(raw))

    def errors(self, schema: str | Mapping[str, Any], instance: Any) -> list[str]:
        """Problems of ``instance`` against a component schema (by name) or an inline schema."""
        target = {"$ref": f"{self._uri}{_SCHEMAS}{schema}"} if isinstance(schema, str) else self._anchored(schema)
        validator = self._validator_class(target, registry=self._registry)
        found = sorted(validator.iter_errors(instance), key=lambda e: [str(p) for p in e.absolute_path])
        return list(dict.fromkeys(f"{e.json_path}: {_message(e)}" for e in found))

    def operation(self, method: str, path: str) -> Operation | None:
        """The operation serving ``method path`` (a concrete path, query string removed)."""
        path = path.split("?", 1)[0]
        for operation in self._operations:
            if operation.method == method.lower() and _template_regex(operation.template).fullmatch(path):
                return operation
        return None

    def request_errors(self, operation: Operation, headers: Mapping[str, str], body: Any) -> list[str]:
        """Problems of a request's headers and JSON body against ``operation``."""
        problems = []
        lowered = {k.lower(): v for k, v in headers.items()}
        for name, (required, schema) in operation.headers.items():
            value = lowered.get(name)
            if value is None:
                if required:
                    problems.append(f"header {name}: required")
                continue
            problems += [f"header {name}{p[1:]}" for p in self.errors(schema, value)]
            if schema.get("format") == "uuid" and not _is_uuid(value):
                problems.append(f"header {name}: {value!r} is not a UUID")
        if operation.body_schema is not None:
            if body is None:
                if operation.body_required:
                    problems.append("body: required")
            else:
                problems += self.errors(operation.body_schema, body)
        return problems

    def _anchored(self, schema: Mapping[str, Any]) -> dict[str, Any]:
        """An inline schema whose ``#/components/...`` references point into this document."""
        converted = convert_schema(dict(schema))
        return _rewrite_refs(converted, lambda ref: f"{self._uri}{ref}" if ref.startswith("#/") else ref)

    def _discriminator(
        self, validator: Any, spec: dict[str, Any], instance: Any, _schema: dict[str, Any]
    ) -> Iterator[ValidationError]:
        if not validator.is_type(instance, "object"):
            return
        name = spec["propertyName"]
        tag = instance.get(name)
        if tag not in spec["mapping"]:
            expected = ", ".join(sorted(spec["mapping"]))
            yield ValidationError(f"{name} {tag!r} is not one of the known subtypes ({expected})")
            return
        yield from validator.descend(instance, {"$ref": spec["mapping"][tag]})
        if self._strict:
            unknown = sorted(set(instance) - set(spec["known"][tag]))
            if unknown:
                yield ValidationError(f"{name} {tag!r} has properties its schema does not declare: {unknown}")


def _prepare(schemas: dict[str, Any]) -> dict[str, Any]:
    """Convert every component schema and turn discriminators into ``x-discriminator``."""
    converted = {name: convert_schema(schema) for name, schema in schemas.items()}
    for name in list(converted):
        schema = converted[name]  # fetched afresh: an earlier pass may have replaced it
        discriminator = schema.pop("discriminator", None)
        if not discriminator:
            continue
        parent_ref = f"{_SCHEMAS}{name}"
        base_ref = f"{_SCHEMAS}{name}{_BASE_SUFFIX}"
        converted[f"{name}{_BASE_SUFFIX}"] = copy.deepcopy(schema)
        mapping = discriminator.get("mapping") or {}
        for target in mapping.values():
            target_name = target.removeprefix(_SCHEMAS)
            # A subtype that is itself a parent was already replaced by its dispatcher: patch its base copy.
            holder = converted.get(f"{target_name}{_BASE_SUFFIX}", converted[target_name])
            for part in holder.get("allOf", []):
                if part.get("$ref") == parent_ref:
                    part["$ref"] = base_ref
        # The subtype checks the parent's own keywords (through allOf), so the dispatching schema needs no copy.
        converted[name] = {
            "type": "object",
            "x-discriminator": {
                "propertyName": discriminator["propertyName"],
                "mapping": dict(mapping),
                "known": {tag: sorted(_declared(target, schemas)) for tag, target in mapping.items()},
            },
        }
    return converted


def _declared(ref: str, schemas: dict[str, Any], seen: frozenset[str] = frozenset()) -> set[str]:
    """Every property name a schema declares, through ``allOf`` and references."""
    if ref in seen:
        return set()
    schema = schemas[ref.removeprefix(_SCHEMAS)]
    return _declared_in(schema, schemas, seen | {ref})


def _declared_in(schema: dict[str, Any], schemas: dict[str, Any], seen: frozenset[str]) -> set[str]:
    if "$ref" in schema:
        return _declared(schema["$ref"], schemas, seen)
    names = set(schema.get("properties", {}))
    for part in schema.get("allOf", []):
        names |= _declared_in(part, schemas, seen)
    return names


def _rewrite_refs(node: Any, change: Any) -> Any:
    if isinstance(node, list):
        return [_rewrite_refs(item, change) for item in node]
    if isinstance(node, dict):
        return {k: change(v) if k == "$ref" else _rewrite_refs(v, change) for k, v in node.items()}
    return node


def _operations(raw: dict[str, Any]) -> Iterator[Operation]:
    for template, item in raw.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in _METHODS:
            spec = item.get(method)
            if spec is None:
                continue
            headers = {
                p["name"].lower(): (bool(p.get("required")), p.get("schema", {}))
                for p in [*shared, *spec.get("parameters", [])]
                if p.get("in") == "header"
            }
            body = spec.get("requestBody") or {}
            schema = body.get("content", {}).get("application/json", {}).get("schema")
            servers = tuple(str(server["url"]) for server in spec.get("servers", []))
            yield Operation(
                method, template, spec.get("operationId", ""), schema, bool(body.get("required")), headers, servers
            )


@cache
def _template_regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    return re.compile("".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts))


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def _message(error: ValidationError) -> str:
    """jsonschema's message, without quoting a whole oversized instance back."""
    if error.validator in ("maxItems", "minItems", "maxLength", "minLength") and hasattr(error.instance, "__len__"):
        return f"{error.validator} is {error.validator_value}, got {len(error.instance)}"
    text = error.message
    return text if len(text) <= 300 else text[:299] + "…"
