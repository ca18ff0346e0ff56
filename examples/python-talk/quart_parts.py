"""What attempts 2 and 3 share: Quart on Hypercorn, one aiohttp session, one asyncpg pool, the three
steps as coroutines, compensation, and the contract's answers. Only the handler differs between them.

Everything runs on one event loop in one thread: a request that waits holds no thread, only its
coroutine's frame, a socket and (while a statement runs) a pool connection.
"""

import asyncio
import contextlib
import os

import aiohttp
import asyncpg
import hypercorn.asyncio
import hypercorn.asyncio.tcp_server
import hypercorn.config
import quart

from contract import (
    BILLING, BILLING_COUNTS, DELETE_BILLING, INSERT_BILLING, NAME, SELECT_NAME, UPSTREAM,
    CappedBody, Config, StepFailure, Timeline, any_answer_headers, bad_gateway, billing_json, only_get,
    check_head, error_json, health_json, new_request_id, photo_headers, retry_pauses, timed_out,
    unavailable,
)


class QuietConnection(asyncpg.Connection):
    """asyncpg 0.27 resets a connection on every release to the pool with a query of its own
    (RESET ALL and friends): one more round trip per step, hidden, through the injected latency.
    These statements change no session state, so outside a transaction there is nothing to reset."""

    async def reset(self, *, timeout=None):
        if self.is_in_transaction():
            await super().reset(timeout=timeout)


async def prepare_statements(connection):
    """Runs once per new pool connection: asyncpg parses a statement in a round trip of its own on
    first use and caches it per connection, so each is used here once (the insert rolled back)."""
    await connection.fetchval(SELECT_NAME, "warm-up.jpg")
    warm_up = connection.transaction()
    await warm_up.start()
    await connection.execute(INSERT_BILLING, new_request_id(), "warm-up.jpg")
    await connection.execute(DELETE_BILLING, new_request_id())
    await warm_up.rollback()


class DogParts:
    """The steps of a request as coroutines, and what /health reports about them."""

    def __init__(self, config):
        self.config = config
        self.waiting, self.pending_undos, self.releasing = 0, 0, {}

    async def open(self):
        self.session = aiohttp.ClientSession(
            # no connection limit and no timeout of its own: the request's deadline bounds the wait
            connector=aiohttp.TCPConnector(limit=0),
            timeout=aiohttp.ClientTimeout(total=None),
            auto_decompress=False,
        )
        self.pool = await asyncpg.create_pool(
            host=self.config.db_host, port=self.config.db_port, database=self.config.db_name,
            user=self.config.db_user, password=self.config.db_password,
            min_size=self.config.db_pool, max_size=self.config.db_pool,
            connection_class=QuietConnection, init=prepare_statements,
            # By default asyncpg closes a connection left idle for 5 minutes, and forgets a prepared
            # statement 5 minutes old: a reconnect or a new prepare is a hidden round trip or more, and
            # at 15 s of latency a prepare that the deadline cancels is prepared again on the next try
            max_inactive_connection_lifetime=0, max_cached_statement_lifetime=0,
        )

    async def close(self):
        await self.session.close()
        await self.pool.close()

    async def fetch_photo(self):
        """GET {upstream}/dog: head checked before the body, body counted up to the cap."""
        try:
            async with self.session.get(f"{self.config.upstream_url}/dog") as answer:
                filename = check_head(
                    answer.status, answer.headers.get("Content-Type"), answer.headers.get("X-Filename")
                )
                body = CappedBody()
                async for chunk in answer.content.iter_chunked(64 * 1024):
                    body.add(chunk)
                return filename, body.jpeg()
        except (aiohttp.ClientResponseError, aiohttp.ClientPayloadError) as e:
            raise bad_gateway(f"upstream answered malformed HTTP: {type(e).__name__}")
        except (aiohttp.ClientError, OSError) as e:
            raise unavailable(UPSTREAM, f"upstream call failed: {type(e).__name__}")

    async def bill(self, request_id, filename):
        async with self.connection(BILLING, request_id) as connection:
            await connection.execute(INSERT_BILLING, request_id, filename)

    async def name_of(self, filename):
        async with self.connection(NAME) as connection:
            return await connection.fetchval(SELECT_NAME, filename)

    @contextlib.asynccontextmanager
    async def connection(self, step, request_id=None):
        self.waiting += 1
        try:
            connection = await self.pool.acquire()
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as e:
            raise unavailable(step, f"database unreachable: {type(e).__name__}")
        finally:
            self.waiting -= 1
        try:
            yield connection
        except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as e:
            raise unavailable(step, f"database failed: {type(e).__name__}")
        finally:
            # Released in the background: after a cancelled statement asyncpg waits for PostgreSQL to
            # confirm the cancel, and the answer must not wait for that. Compensation does (undo).
            release = asyncio.ensure_future(self.pool.release(connection))
            if request_id is not None:
                self.releasing[request_id] = release
                release.add_done_callback(lambda _: self.releasing.pop(request_id, None))

    @contextlib.asynccontextmanager
    async def undo_billing_if_fails(self, request_id, siblings=()):
        """Bill exactly once: when a step after billing fails, is cancelled (deadline, client gone)
        or its sibling fails, the still-running siblings are cancelled and the billing event is
        deleted in the background, once the insert is over, retried until the database takes it."""
        try:
            yield
        except BaseException:
            for sibling in siblings:
                sibling.cancel()
            self.pending_undos += 1
            asyncio.ensure_future(self._undo(request_id, siblings))
            raise

    async def _undo(self, request_id, siblings):
        if siblings:
            await asyncio.wait(siblings)
        release = self.releasing.get(request_id)
        if release is not None:
            await asyncio.wait([release])
        for pause in retry_pauses():
            try:
                await self.pool.execute(DELETE_BILLING, request_id)
                break
            except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError):
                await asyncio.sleep(pause)
        self.pending_undos -= 1

    def limits(self):
        return {"serverThreads": None, "dbPool": self.config.db_pool, "httpConnections": None, "executorThreads": None}

    def load(self, in_flight):
        # asyncpg reopens a connection it dropped (database down) only when it is next lent, so a
        # free place in the pool counts as idle whether or not its connection is open right now
        active = self.pool.get_size() - self.pool.get_idle_size()
        return {
            "inFlight": in_flight, "dbActive": active, "dbIdle": self.config.db_pool - active,
            "dbWaiting": self.waiting, "compensationsPending": self.pending_undos,
        }


async def timed(timeline, step, work):
    """Runs a step's coroutine inside its Server-Timing span (for steps run as tasks of their own)."""
    with timeline.step(step):
        return await work


def hypercorn_restarts_its_idle_timer():
    """Hypercorn 0.13 cancels a connection's keep-alive timer when a request arrives but keeps the
    cancelled task, and starts a new timer only when it holds none: after its first request a
    kept-alive connection was never closed for idleness. Forgetting the cancelled timer, as later
    Hypercorn versions do, lets the idle timeout apply between every two requests."""
    tcp_server = hypercorn.asyncio.tcp_server.TCPServer
    stop = tcp_server._stop_keep_alive_timeout

    async def stop_and_forget(self):
        await stop(self)
        self._keep_alive_timeout_handle = None

    tcp_server._stop_keep_alive_timeout = stop_and_forget


def serve(handler, default_variant):
    """Starts Quart on Hypercorn with `handler(parts, request_id, timeline) -> (filename, jpeg,
    dog_name)` answering / and /dog, configured by the contract's environment variables."""
    config = Config.from_environment(default_variant)
    parts = DogParts(config)
    app = quart.Quart(__name__)
    in_flight = [0]

    @app.before_serving
    async def open_parts():
        await parts.open()

    @app.after_serving
    async def close_parts():
        await parts.close()

    async def dog():
        request_id, timeline = new_request_id(), Timeline()
        headers = any_answer_headers(config.variant, request_id)
        in_flight[0] += 1
        try:
            async with asyncio.timeout(config.work_seconds()):
                filename, jpeg, dog_name = await handler(parts, request_id, timeline)
            headers.update(photo_headers(filename, dog_name, timeline))
            return quart.Response(jpeg, headers=headers)
        except TimeoutError:
            return failed(timed_out(timeline.unfinished_step(), config.deadline_ms), request_id, timeline)
        except StepFailure as failure:
            return failed(failure, request_id, timeline)
        finally:
            in_flight[0] -= 1

    def failed(failure, request_id, timeline):
        # the steps that did end are in Server-Timing here too: it shows where the time went
        headers = {**any_answer_headers(config.variant, request_id), "Server-Timing": timeline.server_timing()}
        return quart.Response(error_json(failure, request_id), failure.status, headers, content_type="application/json")

    app.add_url_rule("/", "root", dog, methods=["GET"])
    app.add_url_rule("/dog", "dog", dog, methods=["GET"])

    @app.get("/billing")
    async def billing():
        rows = await parts.pool.fetch(BILLING_COUNTS)
        return quart.Response(billing_json(rows), content_type="application/json")

    @app.get("/health")
    async def health():
        body = health_json(config, parts.limits(), parts.load(in_flight[0]))
        return quart.Response(body, content_type="application/json")

    @app.before_request
    async def refuse_other_methods():
        refused = only_get(quart.request.method)
        return quart.Response(*refused) if refused else None

    @app.after_request
    async def contract_headers(response):
        for header, value in any_answer_headers(config.variant, None).items():
            response.headers.setdefault(header, value)
        return response

    print(f"{config.variant} listening on http://{config.host}:{config.port}", flush=True)
    if os.environ.get("CAAS_ASGI_SERVER") == "uvicorn":
        # Uvicorn tells the app when a client hangs up mid-request (Quart then cancels the handler,
        # and the billing is undone); Hypercorn 0.13 does not. See README, "What they skip".
        import uvicorn

        uvicorn.run(app, host=config.host, port=config.port, backlog=4096, log_level="warning")
        return
    hypercorn_restarts_its_idle_timer()
    server = hypercorn.config.Config()
    server.bind = [f"{config.host}:{config.port}"]
    server.backlog = 4096
    # Hypercorn's keep-alive timer runs while a connection has no request in progress, including
    # while a request's head is still arriving: it is the idle timeout and the header deadline at once.
    server.keep_alive_timeout = config.idle_timeout_ms / 1000
    server.accesslog = None
    asyncio.run(hypercorn.asyncio.serve(app, server))
