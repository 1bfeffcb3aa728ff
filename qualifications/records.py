"""What the models of both apps are built on: rules explained in plain English, one-item-per-line text fields,
ranges of two optional figures, and records known by their slug."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models, router
from django.db.models import F, Q
from django.urls import reverse


def lines(text: str) -> list[str]:
    """Split a one-item-per-line text field into its items."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def lines_of(field: str) -> property:
    """A model's property listing the items of one of its one-item-per-line text fields."""
    return property(lambda record: lines(getattr(record, field)))


def min_not_above_max(low: str, high: str, name: str) -> models.CheckConstraint:
    """The database rule for a range of two optional figures: the lower end is not above the upper."""
    return models.CheckConstraint(
        condition=Q(**{f"{low}__isnull": True}) | Q(**{f"{high}__isnull": True}) | Q(**{f"{low}__lte": F(high)}),
        name=name,
    )


class ExplainedConstraintsModel(models.Model):
    """Says every database rule in plain English on the form, next to the field.

    Check constraints are explained field by field in each model's explain_checks(), which clean() calls;
    here only uniqueness is validated, and its error is moved onto the field an editor would change.
    """

    class Meta:
        abstract = True

    def clean(self):
        errors = {}
        self.explain_checks(errors)
        if errors:
            raise ValidationError(errors)

    def explain_checks(self, errors: dict) -> None:
        """Add the plain-English error of each broken rule to `errors`, under the field an editor would change."""

    def unique_error(self, constraint_name: str) -> tuple[str, str]:
        return NON_FIELD_ERRORS, "A record like this already exists."

    def validate_constraints(self, exclude=None):
        using = router.db_for_write(self.__class__, instance=self)
        errors = {}
        for model_class, constraints in self.get_constraints():
            for constraint in constraints:
                if not isinstance(constraint, models.UniqueConstraint):
                    continue
                try:
                    constraint.validate(model_class, self, exclude=exclude, using=using)
                except ValidationError:
                    field_name, message = self.unique_error(constraint.name)
                    errors.setdefault(field_name, []).append(message)
        if errors:
            raise ValidationError(errors)


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class SluggedPageModel(ExplainedConstraintsModel):
    """A record known by its slug: in fixtures (its natural key) and in the address of its page (`page_url_name`)."""

    page_url_name: str

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return reverse(self.page_url_name, args=[self.slug])

    def natural_key(self):
        return (self.slug,)
