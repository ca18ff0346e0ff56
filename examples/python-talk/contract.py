"""The contract's plumbing, shared by the three attempts: nothing here is about concurrency.

Configuration from the environment, the SQL, the checks of an upstream answer (status, JPEG,
X-Filename, size cap), the dog's name made header-safe, the response headers, Server-Timing with
its start= parameter, the error JSON and the /health body. CONTRACT.md at the repository root is
the text this module follows; the Java twin is the `contract` module.
"""

import json
import os
import re
import time
import uuid
from dataclasses import dataclass

UPSTREAM, BILLING, NAME = "upstream", "billing", "name"

INSERT_BILLING = "INSERT INTO billing_event(request_id, filename) VALUES ($1, $2)"
SELECT_NAME = "SELECT name FROM dog WHERE filename = $1"
DELETE_BILLING = "DELETE FROM billing_event WHERE request_id = $1"
BILLING_COUNTS = (
    "SELECT filename, count(*) AS events FROM billing_event GROUP BY filename ORDER BY filename"
)

MAX_PHOTO_BYTES = 2 * 1024 * 1024
FALLBACK_NAME = "Good Dog"
JPEG_MAGIC = b"\xff\xd8\xff"
_VALID_FILENAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.jpg")


def psycopg_sql(sql):
    """The same statement with psycopg2's %s placeholders (PostgreSQL's own are $1, $2)."""
    return re.sub(r"\$\d+", "%s", sql)


@dataclass(frozen=True)
class Config:
    """How an implementation is started: the contract's environment variables, nothing else."""

    variant: str
    host: str
    port: int
    upstream_url: str
    db_host: str
    db_port: int
    db_name: str
    db_user: str
    db_password: str
    deadline_ms: int
    db_pool: int
    server_threads: int
    idle_timeout_ms: int

    @staticmethod
    def from_environment(default_variant):
        env = os.environ.get
        upstream_url = env("CAAS_UPSTREAM_URL")
        if not upstream_url:
            raise SystemExit("CAAS_UPSTREAM_URL is required (the dog upstream, through the proxy)")
        return Config(
            variant=env("CAAS_VARIANT_NAME") or default_variant,
            host=env("CAAS_HOST") or "127.0.0.1",
            port=int(env("CAAS_PORT") or 8080),
            upstream_url=upstream_url.rstrip("/"),
            db_host=env("CAAS_DB_HOST") or "127.0.0.1",
            db_port=int(env("CAAS_DB_PORT") or 5432),
            db_name=env("CAAS_DB_NAME") or "postgres",
            db_user=env("CAAS_DB_USER") or "postgres",
            db_password=env("CAAS_DB_PASSWORD") or "postgres",
            deadline_ms=int(env("CAAS_DEADLINE_MS") or 60_000),
            db_pool=int(env("CAAS_DB_POOL") or 20),
            server_threads=int(env("CAAS_SERVER_THREADS") or 32),
            idle_timeout_ms=int(env("CAAS_IDLE_TIMEOUT_MS") or 30_000),
        )

    def work_seconds(self):
        """How long a request's work may run: the deadline less up to 50 ms (5 %) to answer in."""
        return (self.deadline_ms - min(50, self.deadline_ms / 20)) / 1000


class StepFailure(Exception):
    """A step failed in a way the contract names: the status to answer and the step to blame."""

    def __init__(self, status, step, message):
        super().__init__(message)
        self.status, self.step, self.message = status, step, message


def bad_gateway(message):
    return StepFailure(502, UPSTREAM, message)


def unavailable(step, message):
    return StepFailure(503, step, message)


def timed_out(step, deadline_ms):
    return StepFailure(504, step, f"deadline of {deadline_ms} ms passed during step {step}")


class ClientGone(Exception):
    """The client closed its connection before the photo was answered: it is not billed."""


def check_head(status, content_type, filename):
    """Checks an upstream answer before its body is read; returns the valid filename."""
    if status != 200:
        raise bad_gateway(f"upstream answered status {status}")
    if not (content_type or "").lower().startswith("image/jpeg"):
        raise bad_gateway("upstream answered a non-JPEG content type")
    if not filename or not filename.strip():
        raise bad_gateway("upstream answered without X-Filename")
    if not _VALID_FILENAME.fullmatch(filename) or ".." in filename:
        raise bad_gateway("upstream sent an invalid X-Filename")
    return filename


class CappedBody:
    """A body counted while it arrives: past the cap it is refused, never held whole."""

    def __init__(self):
        self.chunks, self.size = [], 0

    def add(self, chunk):
        self.size += len(chunk)
        if self.size > MAX_PHOTO_BYTES:
            raise bad_gateway(f"upstream body exceeds {MAX_PHOTO_BYTES} bytes")
        self.chunks.append(chunk)

    def jpeg(self):
        body = b"".join(self.chunks)
        if not body.startswith(JPEG_MAGIC):
            raise bad_gateway("upstream body is not a JPEG")
        return body


def safe_display_name(name):
    """A dog's name fit for a header: printable ASCII without quotes, backslash, slash, semicolon."""
    kept = "".join(c for c in name if " " <= c < "\x7f" and c not in '"\\/;').strip()
    return kept or "dog"


class Timeline:
    """When each step started and how long it took, for Server-Timing; a failed step has none."""

    def __init__(self):
        self.started = time.perf_counter()
        self.begun, self.ended = [], {}

    def _ms(self, moment):
        return (moment - self.started) * 1000

    class _Span:
        def __init__(self, timeline, step):
            self.timeline, self.step = timeline, step

        def __enter__(self):
            self.began = time.perf_counter()
            self.timeline.begun.append(self.step)

        def __exit__(self, failure_type, failure, traceback):
            if failure_type is None:
                start = self.timeline._ms(self.began)
                self.timeline.ended[self.step] = (start, self.timeline._ms(time.perf_counter()) - start)

    def step(self, step):
        """`with timeline.step(BILLING): ...` records the step when its block ends normally."""
        return Timeline._Span(self, step)

    def unfinished_step(self):
        """The step to blame when the deadline passes now: the last one begun and not ended."""
        unfinished = [step for step in self.begun if step not in self.ended]
        return unfinished[-1] if unfinished else (self.begun[-1] if self.begun else UPSTREAM)

    def billing_began(self):
        return BILLING in self.begun

    def server_timing(self):
        steps = sorted(self.ended.items(), key=lambda item: item[1][0])
        parts = [f"{step};start={start:.1f};dur={duration:.1f}" for step, (start, duration) in steps]
        parts.append(f"total;dur={self._ms(time.perf_counter()):.1f}")
        return ", ".join(parts)


def new_request_id():
    return uuid.uuid4()


def only_get(method):
    """None for GET; for any other method (HEAD too: the frameworks would answer it as a GET) the
    contract's 405 as (body, status, headers)."""
    if method == "GET":
        return None
    return "method not allowed\n", 405, {"Allow": "GET", "Content-Type": "text/plain; charset=utf-8"}


def any_answer_headers(variant, request_id):
    """The headers of every answer, photo or error."""
    headers = {"X-Variant": variant, "X-Content-Type-Options": "nosniff"}
    if request_id is not None:
        headers["X-Request-Id"] = str(request_id)
    return headers


def photo_headers(filename, dog_name, timeline):
    """The headers a 200 adds; dog_name is None for a file the database does not know."""
    name = safe_display_name(dog_name if dog_name is not None else FALLBACK_NAME)
    return {
        "Content-Type": "image/jpeg",
        "Content-Disposition": f'inline; filename="{name}.jpg"',
        "X-Dog-Name": name,
        "X-Dog-Name-Source": "database" if dog_name is not None else "fallback",
        "X-Filename": filename,
        "Server-Timing": timeline.server_timing(),
    }


def compact_json(value):
    return json.dumps(value, separators=(",", ":"))


def error_json(failure, request_id):
    return compact_json(
        {
            "error": failure.message,
            "step": failure.step,
            "requestId": str(request_id) if request_id is not None else None,
        }
    )


def billing_json(rows):
    """GET /billing: events per filename, as the database counted them."""
    return compact_json({filename: events for filename, events in rows})


def health_json(config, limits, load):
    """GET /health: limits are serverThreads, dbPool, httpConnections, executorThreads (None = no
    limit of that kind); load is inFlight, dbActive, dbIdle, dbWaiting, compensationsPending."""
    return compact_json({"variant": config.variant, "ready": True, "limits": limits, "load": load})


def retry_pauses():
    """Pauses between attempts of a compensation: 50 ms, doubling, at most 2 s, for ever."""
    pause = 0.05
    while True:
        yield pause
        pause = min(pause * 2, 2.0)
