"""Django's template backend, with every page rendered inside a roomy frame (see careerpaths/frame_room.py).

Only rendering needs the room: a cached page or a constant response never nests deep, so it skips the cost.
"""

from django.template.backends import django as django_backend

from careerpaths.frame_room import with_frame_room


class Template(django_backend.Template):
    render = with_frame_room(django_backend.Template.render)


class DjangoTemplates(django_backend.DjangoTemplates):
    def from_string(self, template_code):
        return Template(self.engine.from_string(template_code), self)

    def get_template(self, template_name):
        return Template(super().get_template(template_name).template, self)
