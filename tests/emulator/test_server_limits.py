"""The local server's limits and small manners: body sizes, idle connections, memory,
the request log, a 500 of ours, policies over plain HTTP, and the command's flags."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, ClassVar

import pytest
from botocore.exceptions import ClientError

from mturk_emulator import cli, constants, server
from mturk_emulator.edge import MAX_BODY
from mturk_emulator.responses import MTurkResponse
from tests.emulator.processes import start_process, stop_process
from tests.emulator.support import QUESTION, client, mturk_client
from tests.emulator.test_server_edge import mturk, send

EXPLICIT_DENY = "with an explicit deny in an identity-based policy"


@pytest.fixture
def served() -> Iterator[server.MTurkServer]:
    with server.serving(port=0) as running:
        yield running


def raw(url: str, head: bytes, body: bytes = b"") -> bytes:
    """Send ``head`` (and ``body``) on a new connection; return the answer (to the end
    of its Content-Length, as an HTTP client reads it)."""
    host, port = url.removeprefix("http://").rsplit(":", 1)
    with socket.create_connection((host.strip("[]"), int(port)), timeout=30) as connection:
        connection.sendall(head + body)
        answer = b""
        while b"\r\n\r\n" not in answer and (chunk := connection.recv(65536)):
            answer += chunk
        length = re.search(rb"Content-Length: (\d+)", answer, re.IGNORECASE)
        wanted = answer.index(b"\r\n\r\n") + 4 + int(length.group(1)) if length else 0
        while len(answer) < wanted and (chunk := connection.recv(65536)):
            answer += chunk
        return answer


def post_head(path: str, length: int | None, target: str = "GetAccountBalance") -> bytes:
    size = f"Content-Length: {length}" if length is not None else "Transfer-Encoding: chunked"
    return (
        f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.1\r\n"
        f"X-Amz-Target: MTurkRequesterServiceV20170117.{target}\r\n{size}\r\n\r\n"
    ).encode()


# --- 5. limits -----------------------------------------------------------------------


@pytest.mark.evidence("edge.too-large")
def test_a_declared_oversize_body_is_refused_before_it_is_sent(served: server.MTurkServer) -> None:
    # Only the head goes out: the answer cannot have waited for a body.
    answer = raw(served.url, post_head("/sandbox", 50 * 1024 * 1024))
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"RequestEntityTooLargeException" in answer


@pytest.mark.evidence("edge.too-large")
def test_a_chunked_body_is_read_only_up_to_the_limit(served: server.MTurkServer) -> None:
    piece = b"x" * 65536
    chunks = b"".join(
        b"%x\r\n%s\r\n" % (len(piece), piece) for _ in range(MAX_BODY // len(piece) + 1)
    )
    answer = raw(served.url, post_head("/sandbox", None), chunks + b"0\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 413 ")
    small = b"{}"
    answer = raw(
        served.url, post_head("/sandbox", None), b"%x\r\n%s\r\n0\r\n\r\n" % (len(small), small)
    )
    assert b"MissingAuthenticationTokenException" in answer  # read, then refused as unsigned


@pytest.mark.evidence("validation.requester-annotation")
def test_requester_annotation_is_at_most_255_ascii_characters(served: server.MTurkServer) -> None:
    sandbox = mturk_client(endpoint_url=f"{served.url}/sandbox")
    hit = dict(Title="t", Description="d", Reward="0.10", AssignmentDurationInSeconds=600,
               LifetimeInSeconds=3600, Question=QUESTION)  # fmt: skip
    sandbox.create_hit(**hit, RequesterAnnotation="a" * 255)
    for annotation in ("a" * 256, "é"):
        with pytest.raises(ClientError) as refused:
            sandbox.create_hit(**hit, RequesterAnnotation=annotation)
        body = refused.value.response["Error"]
        assert body["Code"] == "ParameterValidationError"
        assert "255 ASCII characters" in body["Message"]
    assert [h["RequesterAnnotation"] for h in sandbox.list_hits()["HITs"]] == ["a" * 255]


def test_an_idle_connection_is_closed() -> None:
    with server.serving(port=0, idle_timeout=0.3) as running:
        host, port = running.get_host_and_port()
        with socket.create_connection((host, port), timeout=10) as silent:
            started = time.monotonic()
            assert silent.recv(1) == b""  # closed by the server, not by our timeout
            assert time.monotonic() - started < 5


@pytest.mark.evidence("edge.connection-limit")
def test_half_open_connections_cannot_take_every_thread() -> None:
    """Issue 28: 800 half-open connections held 800 threads. Past the limit the next
    connection is answered at once with a 503, without a thread of its own, and once the
    silent ones are gone a client is served again."""
    with server.serving(port=0, max_connections=4) as running:
        host, port = running.get_host_and_port()
        threads = threading.active_count()
        silent = [socket.create_connection((host, port), timeout=10) for _ in range(4)]
        try:
            time.sleep(0.2)  # each is being served, by a thread of its own
            assert threading.active_count() == threads + 4
            refused = [raw(running.url, b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
                       for _ in range(10)]  # fmt: skip
            assert threading.active_count() == threads + 4
        finally:
            for connection in silent:
                connection.close()
        head, _, body = refused[0].partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 503 Service Unavailable\r\n")
        assert json.loads(body) == {
            "__type": "ServiceUnavailableException",
            "message": "The local server is already serving 4 connections. Try again shortly.",
        }
        assert len(set(refused)) == 10  # each with a request id of its own
        deadline = time.monotonic() + 10
        while threading.active_count() > threads and time.monotonic() < deadline:
            time.sleep(0.02)
        answer = raw(running.url, b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert answer.startswith(b"HTTP/1.1 200")


def rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))  # type: ignore[union-attr]


@pytest.mark.process
@pytest.mark.evidence("edge.too-large")
def test_memory_stays_flat_under_a_hundred_10_mb_requests() -> None:
    process, url = start_process()
    try:
        send(url, **mturk("GetAccountBalance"))  # everything a request needs is loaded
        before = rss_kib(process.pid)
        body = b"x" * (10 * 1024 * 1024)
        started = time.monotonic()
        refused = 0
        for _ in range(100):
            answer = raw(url, post_head("/sandbox", len(body)), body)
            refused += answer.startswith(b"HTTP/1.1 413 ")
        elapsed = time.monotonic() - started
        after = rss_kib(process.pid)
    finally:
        stop_process(process)
    assert refused == 100
    assert after - before < 50 * 1024, (before, after)
    assert elapsed < 120


# --- 6. the log, a 500, plain HTTP, the command ----------------------------------------


def test_log_fields_are_escaped(
    served: server.MTurkServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO", logger="mturk_emulator.server")
    raw(
        served.url,
        b"GET /health%0A2026-12-07%20POST%20/sandbox%20forged HTTP/1.1\r\nHost: x\r\n\r\n",
    )
    lines = [r.getMessage() for r in caplog.records if r.name == "mturk_emulator.server"]
    assert len(lines) == 1
    assert "\n" not in lines[0]
    assert lines[0].startswith("GET /health%0A2026-12-07%20POST%20/sandbox%20forged - - -> ")


@pytest.mark.evidence("edge.internal-failure")
def test_a_bug_of_ours_is_a_logged_500_with_its_request_id(
    served: server.MTurkServer, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: MTurkResponse) -> Any:
        raise RuntimeError("a bug")

    monkeypatch.setattr(MTurkResponse, "get_account_balance", broken)
    caplog.set_level("INFO", logger="mturk_emulator.server")
    answer = send(served.url, **mturk("GetAccountBalance"))
    assert answer.status == 500
    request_id = answer.headers["x-amzn-RequestId"]
    assert answer.error() == (
        "InternalFailure",
        "The request processing has failed because of an unknown error.",
    )
    failure = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert failure[0].getMessage() == f"request {request_id} failed"
    assert failure[0].exc_info is not None
    assert "-> 500 (" in caplog.text
    assert f"request {request_id}" in caplog.records[-1].getMessage()


@pytest.mark.evidence("edge.secure-transport", "auth.secure-transport")
def test_a_deny_unless_tls_policy_lets_calls_through(served: server.MTurkServer) -> None:
    key = iam_user_on(served.url, "guarded", {
        "Effect": "Deny", "Action": "*", "Resource": "*",
        "Condition": {"Bool": {"aws:SecureTransport": "false"}},
    })  # fmt: skip
    reader = mturk_client(endpoint_url=f"{served.url}/sandbox", key=key)
    assert reader.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE


@pytest.mark.evidence("auth.policy-variables")
def test_policy_variables_over_the_server(served: server.MTurkServer) -> None:
    key = iam_user_on(served.url, "self", {
        "Effect": "Allow", "Action": "mechanicalturk:GetAccountBalance", "Resource": "*",
        "Condition": {"StringLike": {"aws:PrincipalArn": "arn:aws:iam::*:user/${aws:username}"}},
    }, managed=False)  # fmt: skip
    reader = mturk_client(endpoint_url=f"{served.url}/sandbox", key=key)
    assert reader.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE


def iam_user_on(
    url: str, name: str, statement: dict[str, Any], *, managed: bool = True
) -> tuple[str, str]:
    iam = client("iam", endpoint_url=url)
    iam.create_user(UserName=name)
    if managed:
        iam.attach_user_policy(UserName=name, PolicyArn=constants.FULL_ACCESS_POLICY_ARN)
    policy = {"Version": "2012-10-17", "Statement": [statement]}
    iam.put_user_policy(UserName=name, PolicyName="inline", PolicyDocument=json.dumps(policy))
    created = iam.create_access_key(UserName=name)["AccessKey"]
    return created["AccessKeyId"], created["SecretAccessKey"]


def test_ipv6_addresses_are_bracketed() -> None:
    with server.serving(host="::1", port=0) as running:
        assert re.fullmatch(r"http://\[::1\]:\d+", running.url)
        sandbox = mturk_client(endpoint_url=f"{running.url}/sandbox")
        assert sandbox.get_account_balance()["AvailableBalance"] == constants.SANDBOX_BALANCE


@pytest.mark.parametrize("port", ["70000", "-1", "http", "5005.5"])
def test_a_bad_port_is_one_sentence(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["serve", "--port", port]) == 2
    assert capsys.readouterr().err == (
        f"--port {port} is not a port number: "
        "choose one from 1 to 65535 (or 0 for any free port).\n"
    )


class FakeServer:
    url = "http://0.0.0.0:5005"
    control_token = "generated"


@contextmanager
def fake_serving(host: str, port: int, **_: Any) -> Iterator[FakeServer]:
    yield FakeServer()


def serve_until_ctrl_c(options: cli.ServeOptions) -> None:
    announced = threading.Event()
    stopper = threading.Thread(
        target=lambda: (announced.wait(10), os.kill(os.getpid(), signal.SIGINT))
    )
    stopper.start()
    assert cli._serve(fake_serving, options, announced=announced) == 0
    stopper.join()


@pytest.mark.parametrize(
    ("host", "warned"),
    [
        ("0.0.0.0", True),
        ("lab.example.org", True),
        ("::", True),
        ("127.0.0.1", False),
        ("::1", False),
        ("localhost", False),
    ],
)
def test_a_host_other_computers_reach_is_warned_about(
    host: str, warned: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_until_ctrl_c(cli.ServeOptions(host=host))
    err = capsys.readouterr().err
    assert (
        err.startswith(f"Warning: listening on {host}, which other computers may reach.") is warned
    )
    assert (err == "") is not warned


def test_the_banner_names_where_the_token_came_from(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    serve_until_ctrl_c(cli.ServeOptions())
    assert "with this token (shown only now): generated\n" in capsys.readouterr().out
    serve_until_ctrl_c(
        cli.ServeOptions(control_token="mine", token_from="the token given with --control-token")
    )
    out = capsys.readouterr().out
    assert "with the token given with --control-token\n" in out
    assert "mine" not in out


@pytest.mark.process
def test_process_token_from_the_environment_and_cors_origin_flag() -> None:
    env = {**os.environ, cli.TOKEN_VARIABLE: "from-ci"}
    process, url = start_process("--cors-origin", "https://lab.example.org", env=env)
    try:
        denied = send(url, "/moto-api/reset", sign=None)
        allowed = send(
            url, "/moto-api/reset", sign=None, headers={"Authorization": "Bearer from-ci"}
        )
        lab = send(
            url, "/health", method="GET", sign=None, headers={"Origin": "https://lab.example.org"}
        )
    finally:
        out, err = stop_process(process)
    assert (denied.status, allowed.status) == (403, 200)
    assert lab.headers["Access-Control-Allow-Origin"] == "https://lab.example.org"
    assert f"with the token in ${cli.TOKEN_VARIABLE}" in out
    assert "from-ci" not in out + err


def test_a_body_that_ends_early_is_drained_without_waiting() -> None:
    from mturk_emulator.edge import checks

    stream = io.BytesIO(b"abc")
    checks._drain(stream, 10)
    assert stream.read() == b""


def test_a_failure_after_the_answer_began_is_left_to_werkzeug() -> None:
    from mturk_emulator.edge import Edge, EdgeSettings

    class Started:
        config: ClassVar[dict[str, Any]] = {}

        def __call__(self, environ: dict[str, Any], start_response: Any) -> Any:
            start_response("200 OK", [])
            raise RuntimeError("after the status line")

    edge = Edge(EdgeSettings(control_token="t"), lambda name: Started(), lambda: None)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/moto-api/data.json",
               "HTTP_AUTHORIZATION": "Bearer t", "wsgi.input": io.BytesIO()}  # fmt: skip
    with pytest.raises(RuntimeError, match="after the status line"):
        edge(environ, lambda status, headers, exc_info=None: None)
