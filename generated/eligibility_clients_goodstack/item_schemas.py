"""The item schemas of `specs/goodstack.yaml`'s list operations, for the fakes: do not edit.

Written by `nox -s generate` (codegen/generate/item_schemas.py) from the spec: each item's
JSON schema, references inlined, descriptions left out.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["ITEM_SCHEMAS"]

ITEM_SCHEMAS: Final[dict[str, dict[str, Any]]] = {
    "list_eligibility_subscriptions": {
        "type": "object",
        "properties": {
            "id": {
                "type": "string",
                "examples": ["eligibilitysubscription_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
            },
            "organisationId": {
                "type": ["string", "null"],
                "examples": ["organisation_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
            },
            "organisationName": {"type": ["string", "null"]},
            "partnerId": {"type": "string"},
            "configurationId": {"type": "string"},
            "validationRequestId": {
                "type": ["string", "null"],
                "examples": ["validationrequest_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"],
            },
            "suggestedActivitySubTags": {
                "anyOf": [
                    {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "id": {
                                    "type": "string",
                                    "examples": [
                                        "activitysubtag_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                    ],
                                },
                                "name": {
                                    "type": "string",
                                    "examples": ["Sport school"],
                                },
                                "tag": {
                                    "type": "object",
                                    "properties": {
                                        "id": {
                                            "type": "string",
                                            "examples": [
                                                "activitytag_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                            ],
                                        },
                                        "name": {
                                            "type": "string",
                                            "examples": ["Education"],
                                        },
                                        "description": {"type": ["string", "null"]},
                                        "createdAt": {
                                            "type": "string",
                                            "format": "date-time",
                                        },
                                        "updatedAt": {
                                            "type": ["string", "null"],
                                            "format": "date-time",
                                        },
                                    },
                                },
                                "description": {"type": ["string", "null"]},
                                "createdAt": {"type": "string", "format": "date-time"},
                                "updatedAt": {
                                    "type": ["string", "null"],
                                    "format": "date-time",
                                },
                            },
                        },
                    },
                    {"type": "null"},
                ]
            },
            "status": {
                "anyOf": [
                    {
                        "type": "string",
                        "enum": [
                            "pending_validation_request",
                            "validation_request_failed",
                            "pending",
                            "live",
                            "cancelled",
                            "cannot_define_eligibility",
                        ],
                    },
                    {"type": "string"},
                ]
            },
            "results": {
                "type": "object",
                "properties": {
                    "eligibilityStatus": {
                        "anyOf": [
                            {"type": "string", "enum": ["pass", "fail"]},
                            {"type": "string"},
                            {"type": "null"},
                        ]
                    },
                    "confirmedActivitySubTags": {
                        "anyOf": [
                            {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "id": {
                                            "type": "string",
                                            "examples": [
                                                "activitysubtag_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                            ],
                                        },
                                        "name": {
                                            "type": "string",
                                            "examples": ["Sport school"],
                                        },
                                        "tag": {
                                            "type": "object",
                                            "properties": {
                                                "id": {
                                                    "type": "string",
                                                    "examples": [
                                                        "activitytag_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                                    ],
                                                },
                                                "name": {
                                                    "type": "string",
                                                    "examples": ["Education"],
                                                },
                                                "description": {
                                                    "type": ["string", "null"]
                                                },
                                                "createdAt": {
                                                    "type": "string",
                                                    "format": "date-time",
                                                },
                                                "updatedAt": {
                                                    "type": ["string", "null"],
                                                    "format": "date-time",
                                                },
                                            },
                                        },
                                        "description": {"type": ["string", "null"]},
                                        "createdAt": {
                                            "type": "string",
                                            "format": "date-time",
                                        },
                                        "updatedAt": {
                                            "type": ["string", "null"],
                                            "format": "date-time",
                                        },
                                    },
                                },
                            },
                            {"type": "null"},
                        ]
                    },
                    "rejectedActivitySubTags": {
                        "anyOf": [
                            {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "properties": {
                                        "id": {
                                            "type": "string",
                                            "examples": [
                                                "activitysubtag_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                            ],
                                        },
                                        "name": {
                                            "type": "string",
                                            "examples": ["Sport school"],
                                        },
                                        "tag": {
                                            "type": "object",
                                            "properties": {
                                                "id": {
                                                    "type": "string",
                                                    "examples": [
                                                        "activitytag_xxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
                                                    ],
                                                },
                                                "name": {
                                                    "type": "string",
                                                    "examples": ["Education"],
                                                },
                                                "description": {
                                                    "type": ["string", "null"]
                                                },
                                                "createdAt": {
                                                    "type": "string",
                                                    "format": "date-time",
                                                },
                                                "updatedAt": {
                                                    "type": ["string", "null"],
                                                    "format": "date-time",
                                                },
                                            },
                                        },
                                        "description": {"type": ["string", "null"]},
                                        "createdAt": {
                                            "type": "string",
                                            "format": "date-time",
                                        },
                                        "updatedAt": {
                                            "type": ["string", "null"],
                                            "format": "date-time",
                                        },
                                    },
                                },
                            },
                            {"type": "null"},
                        ]
                    },
                },
            },
            "createdAt": {"type": "string", "format": "date-time"},
            "updatedAt": {"type": ["string", "null"], "format": "date-time"},
        },
    }
}
"""Each list operation's item schema, by operation id, in the spec's order."""
