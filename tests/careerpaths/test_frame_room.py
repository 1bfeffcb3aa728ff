import sys

import pytest
from django.template import engines
from django.template.loader import get_template

from careerpaths import templating
from careerpaths.frame_room import ROOM_SLOTS, with_frame_room


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


def test_every_template_renders_in_a_roomy_frame(rf):
    assert isinstance(engines["django"], templating.DjangoTemplates)
    for template in (get_template("404.html"), engines["django"].from_string("{{ word }}")):
        assert isinstance(template, templating.Template)
        assert template.render.roomy.__code__.co_stacksize == ROOM_SLOTS
    assert engines["django"].from_string("{{ word }}!").render({"word": "<hi>"}) == "&lt;hi&gt;!"
