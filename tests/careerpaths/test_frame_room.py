import sys

import pytest
from django.conf import settings
from django.http import HttpResponse

from careerpaths.frame_room import ROOM_SLOTS, with_frame_room
from careerpaths.middleware import FrameRoomMiddleware


def callers_stack_size():
    """The stack the calling frame's code reserves."""
    return sys._getframe(1).f_code.co_stacksize


def test_the_function_runs_in_a_frame_that_reserves_room_and_gets_its_arguments_back():
    assert with_frame_room(callers_stack_size)() == ROOM_SLOTS >= 16384
    assert with_frame_room(lambda a, b=0: (a, b))(1, b=2) == (1, 2)


def test_calls_inside_a_roomy_frame_do_not_reserve_another():
    inner = with_frame_room(callers_stack_size)
    assert with_frame_room(lambda: inner())() < ROOM_SLOTS
    assert inner() == ROOM_SLOTS  # and the next outer call reserves room again


def test_errors_come_through_and_leave_nothing_behind():
    def fail():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        with_frame_room(fail)()
    assert with_frame_room(callers_stack_size)() == ROOM_SLOTS


def test_drawn_pages_run_in_a_roomy_frame_and_cached_ones_do_not_pay_for_it(rf):
    seen = []
    middleware = FrameRoomMiddleware(
        lambda request: seen.append(sys._getframe(1).f_code.co_stacksize) or HttpResponse()
    )
    assert middleware(rf.get("/")).status_code == 200
    assert seen == [ROOM_SLOTS]
    order = settings.MIDDLEWARE
    assert (
        order.index("careerpaths.middleware.FrameRoomMiddleware")
        == order.index("careerpaths.caching.PageCacheMiddleware") + 1
    )


def test_templates_are_djangos_own():
    assert settings.TEMPLATES[0]["BACKEND"] == "django.template.backends.django.DjangoTemplates"
