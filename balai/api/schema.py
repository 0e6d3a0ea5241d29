"""Every operation documents the error bodies it can return (drf-spectacular hook)."""

from __future__ import annotations

ERRORS = {
    "400": "The request is not valid; `fields` says which parameter or field and why.",
    "401": "No token, or a token that is not valid, expired or revoked.",
    "403": "The token's user is not staff, or their role may not take this action.",
    "404": "No such case, or not one this user may see.",
    "429": "Too many requests; wait as long as Retry-After says.",
}
ERROR_SCHEMA = {
    "type": "object",
    "required": ["code", "detail", "fields"],
    "properties": {
        "code": {"type": "string", "description": "A short machine-readable reason."},
        "detail": {"type": "string", "description": "What went wrong, in the user's "
                                                    "language (Bahasa Indonesia by default)."},
        "fields": {"type": "object",
                   "additionalProperties": {"type": "array", "items": {"type": "string"}},
                   "description": "Messages per request field or parameter, if any."},
    },
}


def add_error_responses(result, generator, request, public):
    components = result.setdefault("components", {}).setdefault("schemas", {})
    components["Error"] = ERROR_SCHEMA
    ref = {"$ref": "#/components/schemas/Error"}
    for path, item in result.get("paths", {}).items():
        for operation in item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            for code, description in ERRORS.items():
                if code == "404" and "{" not in path:
                    continue
                responses.setdefault(code, {
                    "description": description,
                    "content": {"application/json": {"schema": ref}},
                })
            if code_409 := responses.get("409"):
                code_409["content"] = {"application/json": {"schema": ref}}
    return result
