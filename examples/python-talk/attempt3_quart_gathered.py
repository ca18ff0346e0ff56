"""Attempt 3 of the talk: the same stack, with billing and the name lookup gathered.

Steps 2 and 3 both need only the filename from step 1, so they can wait at the same time:
asyncio.gather runs both and returns when both are done, and one request takes L + max(L, L) = 2L.
gather does not cancel a sibling when the other fails, so the two steps run as tasks that
undo_billing_if_fails cancels (and waits out) before it deletes the billing event.
"""

import asyncio

from contract import BILLING, NAME, UPSTREAM
from quart_parts import serve, timed


# tag::handler[]
async def dog(parts, request_id, timeline):
    # 1. upstream: fetch a photo; the upstream says which file it is
    with timeline.step(UPSTREAM):
        filename, jpeg = await parts.fetch_photo()
    # 2. billing and 3. name at the same time, each a task of its own
    billing = asyncio.ensure_future(timed(timeline, BILLING, parts.bill(request_id, filename)))
    naming = asyncio.ensure_future(timed(timeline, NAME, parts.name_of(filename)))
    async with parts.undo_billing_if_fails(request_id, siblings=(billing, naming)):
        # wait for both; the first failure is raised here
        _, dog_name = await asyncio.gather(billing, naming)
    return filename, jpeg, dog_name
# end::handler[]


if __name__ == "__main__":
    serve(dog, default_variant="quart-gathered")
