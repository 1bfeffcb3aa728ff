"""schema.org descriptions of qualifications, as plain dicts for JSON-LD (careerpaths.seo renders them)."""

from .models import Qualification

SCHEMA = "https://schema.org"


def educational_level(qualification: Qualification) -> str | None:
    """E.g. 'Level 3 (RQF)'; None for a qualification without a level."""
    if qualification.level is None:
        return None
    return f"Level {qualification.level}" + (f" ({qualification.framework})" if qualification.framework else "")


def credential(qualification: Qualification, *, url: str = "", context: bool = True) -> dict:
    """An EducationalOccupationalCredential: name, description, level, category and, where known, who awards it."""
    document = {"@context": SCHEMA} if context else {}
    document |= {
        "@type": "EducationalOccupationalCredential",
        "name": qualification.name,
        "credentialCategory": qualification.get_kind_display(),
    }
    if url:
        document["url"] = url
    if qualification.summary:
        document["description"] = qualification.summary
    if level := educational_level(qualification):
        document["educationalLevel"] = level
    if qualification.awarding_body:
        document["recognizedBy"] = {"@type": "Organization", "name": qualification.awarding_body}
    return document
