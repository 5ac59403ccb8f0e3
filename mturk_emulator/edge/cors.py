"""Which web pages may read the server's answers (CORS).

A browser sends ``Origin`` with every cross-origin call, and asks first
(``OPTIONS``, a preflight) before a call that carries AWS's headers. Pages on this
computer's loopback addresses may call (``http://localhost:8080``, ``http://127.0.0.1``,
``http://[::1]:3000``, any port, http or https); any other origin must be named with
``--cors-origin``. A page from any other origin gets a 403 without CORS headers, so
the browser gives it nothing to read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit

LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
ALLOWED_METHODS = "GET, POST, OPTIONS"
EXPOSED_HEADERS = "x-amzn-RequestId, x-amzn-ErrorType, x-amz-request-id, Date"
MAX_AGE = "600"


def normal_origin(origin: str) -> str:
    """``scheme://host[:port]`` in lower case, as browsers send it (no path, no slash)."""
    return origin.strip().rstrip("/").lower()


def is_loopback(origin: str) -> bool:
    try:
        parts = urlsplit(origin)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not one
    except ValueError:
        return False
    return parts.scheme in {"http", "https"} and parts.hostname in LOOPBACK_HOSTS


@dataclass(frozen=True)
class OriginPolicy:
    extra: frozenset[str] = frozenset()

    @classmethod
    def with_origins(cls, origins: Iterable[str]) -> OriginPolicy:
        return cls(frozenset(normal_origin(origin) for origin in origins))

    def allows(self, origin: str) -> bool:
        return is_loopback(origin) or normal_origin(origin) in self.extra

    @staticmethod
    def response_headers(origin: str) -> list[tuple[str, str]]:
        return [
            ("Access-Control-Allow-Origin", origin),
            ("Access-Control-Expose-Headers", EXPOSED_HEADERS),
            ("Vary", "Origin"),
        ]

    @staticmethod
    def preflight_headers(requested_headers: str) -> list[tuple[str, str]]:
        """Added to ``response_headers`` in the answer to a preflight."""
        return [
            ("Access-Control-Allow-Methods", ALLOWED_METHODS),
            ("Access-Control-Allow-Headers", requested_headers),
            ("Access-Control-Max-Age", MAX_AGE),
            ("Content-Length", "0"),
        ]
