"""Run page rendering in one large block of CPython's frame stack.

CPython 3.11 and later keep Python frames in 16 KB chunks. A call that starts a new chunk maps fresh memory and
its return unmaps it again, so a loop of calls that sits on a chunk's edge pays an mmap and a munmap every
time. Django's template rendering nests deep enough to sit on an edge for much of a page, and which pages
depends only on how deep the server's own stack happens to be: the same home page took 3.7 ms or 7.4 ms.
A call whose code reserves a large stack gets one large chunk, and everything it calls fits inside it.
"""

import threading

# Frame slots (8 bytes each) to reserve: CPython rounds the chunk up to 256 KB, far deeper than any page goes.
ROOM_SLOTS = 16384

_state = threading.local()


def with_frame_room(function):
    """`function`, run from a frame that reserves ROOM_SLOTS of stack; calls made inside one run as they are."""

    def roomy(*args, **kwargs):
        return function(*args, **kwargs)

    roomy.__code__ = roomy.__code__.replace(co_stacksize=ROOM_SLOTS)

    def call(*args, **kwargs):
        if getattr(_state, "inside", False):  # already in a roomy frame: another would map a chunk of its own
            return function(*args, **kwargs)
        _state.inside = True
        try:
            return roomy(*args, **kwargs)
        finally:
            _state.inside = False

    call.roomy = roomy
    return call
