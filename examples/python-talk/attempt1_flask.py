"""Attempt 1 of the talk: Flask + requests + psycopg2 on a WSGI server with a fixed number of threads.

Each request holds one of waitress's worker threads from start to end, and the thread blocks in every
step: the upstream call (requests), the billing insert and the name lookup (psycopg2). Three steps of
latency L take 3L, and at most CAAS_SERVER_THREADS requests are served at once; the rest wait for a
thread in waitress's queue.
"""

import http.client
import threading

import flask
import psycopg2
import psycopg2.extensions
import psycopg2.pool
import requests
import waitress

from contract import (
    BILLING, BILLING_COUNTS, DELETE_BILLING, INSERT_BILLING, NAME, SELECT_NAME, UPSTREAM,
    CappedBody, ClientGone, Config, StepFailure, Timeline, any_answer_headers, bad_gateway, billing_json,
    check_head, error_json, health_json, new_request_id, only_get, photo_headers, psycopg_sql, retry_pauses,
    timed_out, unavailable,
)

config = Config.from_environment(default_variant="flask-sequential")
app = flask.Flask(__name__)


# tag::handler[]
@app.get("/")
@app.get("/dog")
def dog():
    request_id = flask.g.request_id = new_request_id()
    timeline = flask.g.timeline = Timeline()
    # 1. upstream: fetch a photo; the upstream says which file it is
    with timeline.step(UPSTREAM):
        filename, jpeg = fetch_photo()
    with undo_billing_if_fails(request_id):
        # 2. billing: record the request (this thread blocks in psycopg2)
        with timeline.step(BILLING):
            bill(request_id, filename)
        # 3. name: look the dog up (blocks again)
        with timeline.step(NAME):
            dog_name = name_of(filename)
        if client_gone():
            raise ClientGone()
    return photo_answer(jpeg, filename, dog_name, timeline)
# end::handler[]


def fetch_photo():
    """GET {upstream}/dog, head checked before the body, body counted up to the cap."""
    session = thread_local.__dict__.setdefault("session", requests.Session())
    seconds = config.work_seconds()
    try:
        # requests bounds each socket wait by the timeout, not the whole exchange (see README)
        with session.get(f"{config.upstream_url}/dog", stream=True, timeout=seconds) as answer:
            filename = check_head(
                answer.status_code, answer.headers.get("Content-Type"), answer.headers.get("X-Filename")
            )
            body = CappedBody()
            for chunk in answer.iter_content(64 * 1024):
                body.add(chunk)
            return filename, body.jpeg()
    except requests.Timeout:
        raise timed_out(UPSTREAM, config.deadline_ms)
    except requests.RequestException as e:
        if answered_malformed(e):
            raise bad_gateway("the upstream's answer is not HTTP")
        raise unavailable(UPSTREAM, f"upstream call failed: {type(e).__name__}")


def answered_malformed(failure, seen=None):
    """requests reports an answer that is not HTTP as a ConnectionError, like an upstream that is
    down; http.client's BadStatusLine somewhere inside tells them apart (RemoteDisconnected, a
    hang-up before any answer, is one too, but that is an unreachable upstream, not a bad answer)."""
    seen = seen if seen is not None else set()
    if failure is None or id(failure) in seen:
        return False
    seen.add(id(failure))
    if isinstance(failure, http.client.BadStatusLine) and not isinstance(failure, http.client.RemoteDisconnected):
        return True
    inside = [arg for arg in failure.args if isinstance(arg, BaseException)]
    return any(answered_malformed(e, seen) for e in inside + [failure.__cause__, failure.__context__])


def bill(request_id, filename):
    with database.connection(BILLING) as connection, connection.cursor() as cursor:
        cursor.execute(psycopg_sql(INSERT_BILLING), (str(request_id), filename))


def name_of(filename):
    with database.connection(NAME) as connection, connection.cursor() as cursor:
        cursor.execute(psycopg_sql(SELECT_NAME), (filename,))
        row = cursor.fetchone()
        return row[0] if row else None


def client_gone():
    """waitress looks ahead on the connection, so it can tell that the client hung up."""
    hung_up = flask.request.environ.get("waitress.client_disconnected")
    return hung_up is not None and hung_up()


def photo_answer(jpeg, filename, dog_name, timeline):
    return flask.Response(jpeg, headers=photo_headers(filename, dog_name, timeline))


class Database:
    """A fixed pool of psycopg2 connections, opened at start, in autocommit (one round trip per
    statement: psycopg2 would otherwise send BEGIN and COMMIT as round trips of their own)."""

    def __init__(self, size):
        self.size, self.active, self.waiting = size, 0, 0
        self.pool = GenerationalPool(
            size, size, host=config.db_host, port=config.db_port, dbname=config.db_name,
            user=config.db_user, password=config.db_password, connect_timeout=10,
            # the server gives up on a statement that runs past the deadline (a locked table); it
            # cannot see latency on the wire, and psycopg2 has no client-side timeout (see README)
            options=f"-c statement_timeout={config.deadline_ms}",
        )
        self.free = threading.Semaphore(size)  # the pool refuses when empty; we want to wait
        self.lock = threading.Lock()

    def lend(self):
        connection = self.pool.getconn()
        while self.pool.stale(connection):
            self.pool.putconn(connection, close=True)
            connection = self.pool.getconn()  # the next idle one, or a new one once none is left
        connection.autocommit = True  # a flag, no round trip
        return connection

    def give_back(self, connection, broken):
        if broken:
            self.pool.generation += 1
        self.pool.putconn(connection, close=broken)

    def connection(self, step):
        return _Lease(self, step)

    def load(self):
        with self.lock:
            return {"dbActive": self.active, "dbIdle": self.size - self.active, "dbWaiting": self.waiting}


class GenerationalPool(psycopg2.pool.ThreadedConnectionPool):
    """One broken connection means the others are likely broken too (the database restarted, the
    proxy was cut): every connection opened before the failure is replaced when next lent. Each
    connection's generation is noted when it is opened, not when it is first lent: the pool opens
    all of them at start, and one that was never lent before the failure is as broken as the rest
    (noting it at first lend made it look new, so every request after the database came back got a
    dead connection, failed, and bumped the generation past the next one)."""

    generation = 0

    def __init__(self, *args, **kwargs):
        self.born = {}
        super().__init__(*args, **kwargs)

    def _connect(self, key=None):
        connection = super()._connect(key)
        self.born[id(connection)] = self.generation
        return connection

    def stale(self, connection):
        return self.born.get(id(connection), -1) < self.generation

    def _putconn(self, connection, key=None, close=False):
        if close:
            self.born.pop(id(connection), None)
        super()._putconn(connection, key, close)


class _Lease:
    def __init__(self, database, step):
        self.database, self.step = database, step

    def __enter__(self):
        db = self.database
        with db.lock:
            db.waiting += 1
        got = db.free.acquire(timeout=config.work_seconds())
        with db.lock:
            db.waiting -= 1
            db.active += got
        if not got:
            raise timed_out(self.step, config.deadline_ms)
        try:
            self.connection = db.lend()
        except psycopg2.Error as e:
            self._free_slot()
            raise unavailable(self.step, f"database unreachable: {type(e).__name__}") from e
        return self.connection

    def __exit__(self, failure_type, failure, traceback):
        cancelled = failure_type is not None and issubclass(failure_type, psycopg2.extensions.QueryCanceledError)
        broken = failure_type is not None and issubclass(failure_type, psycopg2.Error) and not cancelled
        self.database.give_back(self.connection, broken)
        self._free_slot()
        if cancelled:
            raise timed_out(self.step, config.deadline_ms) from failure
        if broken:
            raise unavailable(self.step, f"database failed: {type(failure).__name__}") from failure

    def _free_slot(self):
        with self.database.lock:
            self.database.active -= 1
        self.database.free.release()


class undo_billing_if_fails:
    """Bill exactly once: when a step after billing fails (or the client is gone), the request's
    billing event is deleted again, in the background, retried until the database takes it."""

    pending = 0
    lock = threading.Lock()

    def __init__(self, request_id):
        self.request_id = request_id

    def __enter__(self):
        return self

    def __exit__(self, failure_type, failure, traceback):
        if failure_type is not None:
            with undo_billing_if_fails.lock:
                undo_billing_if_fails.pending += 1
            threading.Thread(target=self.delete_until_done, daemon=True).start()

    def delete_until_done(self):
        for pause in retry_pauses():
            try:
                with database.connection(BILLING) as connection, connection.cursor() as cursor:
                    cursor.execute(psycopg_sql(DELETE_BILLING), (str(self.request_id),))
                break
            except StepFailure:
                threading.Event().wait(pause)
        with undo_billing_if_fails.lock:
            undo_billing_if_fails.pending -= 1


@app.get("/billing")
def billing():
    with database.connection(BILLING) as connection, connection.cursor() as cursor:
        cursor.execute(BILLING_COUNTS)
        return flask.Response(billing_json(cursor.fetchall()), content_type="application/json")


@app.get("/health")
def health():
    limits = {
        "serverThreads": config.server_threads,
        "dbPool": config.db_pool,
        "httpConnections": config.server_threads,  # one keep-alive session per worker thread
        "executorThreads": None,
    }
    load = {"inFlight": in_flight.count, **database.load(), "compensationsPending": undo_billing_if_fails.pending}
    return flask.Response(health_json(config, limits, load), content_type="application/json")


class InFlight:
    def __init__(self):
        self.count, self.lock = 0, threading.Lock()

    def add(self, delta):
        with self.lock:
            self.count += delta


in_flight = InFlight()
thread_local = threading.local()


@app.before_request
def arrived():
    flask.g.request_id = None
    if flask.request.endpoint == "dog":
        in_flight.add(1)  # taken off again in answered(), whatever the answer
    refused = only_get(flask.request.method)
    if refused:
        return flask.Response(*refused)


@app.teardown_request
def answered(_failure):
    if flask.request.endpoint == "dog":
        in_flight.add(-1)


@app.after_request
def contract_headers(response):
    response.headers.update(any_answer_headers(config.variant, flask.g.get("request_id")))
    return response


@app.errorhandler(StepFailure)
def step_failed(failure):
    # the steps that did end are in Server-Timing here too: it shows where the time went
    timing = {"Server-Timing": flask.g.timeline.server_timing()} if "timeline" in flask.g else {}
    return flask.Response(
        error_json(failure, flask.g.get("request_id")), status=failure.status, headers=timing,
        content_type="application/json",
    )


@app.errorhandler(ClientGone)
def client_hung_up(_gone):
    return flask.Response(status=499)  # nobody reads it; the billing has been undone


if __name__ == "__main__":
    database = Database(config.db_pool)
    print(f"{config.variant} listening on http://{config.host}:{config.port}", flush=True)
    waitress.serve(
        app, host=config.host, port=config.port, threads=config.server_threads,
        channel_request_lookahead=1,  # lets a handler see that its client hung up
        # a connection with no request in progress is closed after the idle timeout; waitress looks
        # for such connections every cleanup_interval seconds
        channel_timeout=max(1, round(config.idle_timeout_ms / 1000)),
        cleanup_interval=max(1, round(config.idle_timeout_ms / 4000)),
        connection_limit=4096, backlog=4096, asyncore_use_poll=True,  # C = 1,000 clients fit
        ident=None,
    )
