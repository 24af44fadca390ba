"""The item schemas of `specs/truemed.yaml`'s list operations, for the fakes: do not edit.

Written by `nox -s generate` (codegen/generate/item_schemas.py) from the spec: each item's
JSON schema, references inlined, descriptions left out.
"""

from __future__ import annotations

from typing import Any, Final

__all__ = ["ITEM_SCHEMAS"]

ITEM_SCHEMAS: Final[dict[str, dict[str, Any]]] = {
    "list_qualification_sessions": {
        "type": "object",
        "required": ["qualification_session_id", "status"],
        "properties": {
            "qualification_session_id": {
                "type": "string",
                "examples": ["qs_9f8b7c6d-1234-4e56-8a9b-0c1d2e3f4a5b"],
            },
            "status": {
                "anyOf": [
                    {
                        "type": "string",
                        "enum": ["pending", "processing", "approved", "rejected"],
                    },
                    {"type": "string"},
                ]
            },
            "created_at": {"type": ["string", "null"], "format": "date-time"},
            "expires_at": {"type": ["string", "null"], "format": "date-time"},
            "lmn_reviewed_at": {"type": ["string", "null"], "format": "date-time"},
            "charge_group_created_at": {
                "type": ["string", "null"],
                "format": "date-time",
            },
            "stripe_invoice_paid_at": {
                "type": ["string", "null"],
                "format": "date-time",
            },
            "eligible_amount": {"type": ["number", "null"]},
            "fee": {"type": ["number", "null"]},
            "email": {"type": ["string", "null"]},
            "customer_status": {"type": ["string", "null"]},
            "session_type": {"type": ["string", "null"]},
            "skus_param": {"type": ["string", "null"]},
            "source": {"type": ["string", "null"]},
            "stripe_invoice_id": {"type": ["string", "null"]},
            "stripe_invoice_number": {"type": ["string", "null"]},
            "user_business_id": {"type": ["string", "null"]},
            "user_id": {"type": ["string", "null"]},
        },
    }
}
"""Each list operation's item schema, by operation id, in the spec's order."""
