"""The body decoder: msgspec's speed, json.loads' answers."""

from __future__ import annotations

import json
import math
import re

import pytest
from eligibility_clients._json import loads


@pytest.mark.parametrize(
    "body",
    [
        b'{"a": [1, 2.5, "x", null, true, {"b": {}}]}',
        b'{"a": 1, "a": 2}',
        b'{"big": 123456789012345678901234567890}',
        b"\xef\xbb\xbf{}",  # a byte-order mark, which msgspec refuses
        '{"a": "\u00e9"}'.encode("utf-16"),  # UTF-16, which json.loads detects
        b"1e400",  # beyond a float: json.loads reads infinity
    ],
)
def test_reads_what_json_loads_reads(body: bytes) -> None:
    assert loads(body) == json.loads(body)


def test_reads_nan_as_json_loads_does() -> None:
    assert math.isnan(loads(b'{"a": NaN}')["a"])


@pytest.mark.parametrize("body", [b"", b"[1,]", b'{"a": }', b"\xff\xfe\xfd"])
def test_refuses_what_json_loads_refuses(body: bytes) -> None:
    try:
        json.loads(body)
    except ValueError as exc:
        expected = exc
    with pytest.raises(type(expected), match=re.escape(str(expected))) as caught:
        loads(body)
    assert type(caught.value) is type(expected)
