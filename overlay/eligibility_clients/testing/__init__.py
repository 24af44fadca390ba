"""In-memory fakes of both APIs, for testing code that uses `eligibility_clients`.

```python
from eligibility_clients import TruemedClient
from eligibility_clients.testing import FakeTruemed

fake = FakeTruemed(seed=1)  # 100 realistic sessions
client = TruemedClient(api_key=fake.api_key, transport=fake.transport)
approved = list(client.qualification_sessions.list(status="approved"))
```

The fakes check the key, apply every filter, paginate the vendor's way and answer bad input
with the vendor's error bodies. `fake.faults` injects latency, rate limits, 5xx bursts, dropped
connections and broken bodies. `FakeServer` (or `python -m eligibility_clients.testing serve`)
serves both over real HTTP on loopback. `vcr_config()` gives pytest-recording settings that
keep keys and cookies out of cassettes. Installing the package also registers pytest fixtures
(`fake_truemed`, `fake_goodstack`, ...; see `_pytest_plugin`).
"""

from ._fake import FakeAPI, FakeTransport
from ._faults import Faults
from ._goodstack import FakeGoodstack
from ._server import DEFAULT_PORT, FakeServer
from ._truemed import FakeTruemed
from ._vcr import vcr_config

__all__ = [
    "DEFAULT_PORT",
    "FakeAPI",
    "FakeGoodstack",
    "FakeServer",
    "FakeTransport",
    "FakeTruemed",
    "Faults",
    "vcr_config",
]
