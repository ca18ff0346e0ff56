"""Attempt 2 of the talk: Quart + aiohttp + asyncpg, awaiting the three steps one after another.

Nothing blocks: while a step waits, the event loop serves other requests. But each await waits for
its step to finish before the next begins, so one request still takes L + L + L, exactly as in
attempt 1. Async makes waiting cheap; it does not make one request faster.
"""

from contract import BILLING, NAME, UPSTREAM
from quart_parts import serve


# tag::handler[]
async def dog(parts, request_id, timeline):
    # 1. upstream: fetch a photo; the upstream says which file it is
    with timeline.step(UPSTREAM):
        filename, jpeg = await parts.fetch_photo()
    async with parts.undo_billing_if_fails(request_id):
        # 2. billing: record the request (the event loop serves others meanwhile)
        with timeline.step(BILLING):
            await parts.bill(request_id, filename)
        # 3. name: look the dog up, once billing is done
        with timeline.step(NAME):
            dog_name = await parts.name_of(filename)
    return filename, jpeg, dog_name
# end::handler[]


if __name__ == "__main__":
    serve(dog, default_variant="quart-sequential")
