"""The dataset schema: the one place that says what `docs/data/*.yml` hold.

`patterns.yml` holds the content (patterns, dream cycle, PDCA); `ui.yml` the interface strings.

Everything else is derived from these models: validation (``dataset.py``), the JSON Schema an
editor uses (``python -m macros schema``), and the typed objects the page generators read.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel, StringConstraints

LANGUAGES: tuple[str, ...] = ("ja", "en")
"""Site languages, in the order they are built. The first is the default."""

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", min_length=2, max_length=60),
    Field(description="Stable identifier: lower-case letters, digits and single hyphens."),
]
UiKey = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

JINJA = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")
"""Jinja delimiters: forbidden in text because every page is also a Jinja template."""


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """One piece of text in every site language. Inline Markdown (emphasis, links) is allowed."""

    ja: NonEmpty
    en: NonEmpty

    def __getitem__(self, lang: str) -> str:
        return str(getattr(self, lang))


class PdcaPhase(Strict):
    id: Literal["plan", "do", "check", "act"]
    label: Text
    description: Text


class CycleStep(Strict):
    id: Id
    label: Text = Field(description="The word itself, e.g. 夢 / Dream.")
    meaning: Text = Field(description="One sentence: what this step asks of a CRM project.")
    pdca: Literal["plan", "do", "check", "act"]


class Metric(Strict):
    """A measure a team can compute on Monday: every part is required, so none is forgotten."""

    name: Text = Field(description="What is measured, e.g. 実利用率 / Weekly active users.")
    numerator: Text = Field(description="What is counted.")
    denominator: Text = Field(description="What it is divided by.")
    period: Text = Field(description="Over which period, and how often it is read.")
    threshold: Text = Field(
        description="A rule-of-thumb threshold; the page labels it as a rule of thumb."
    )


class Countermeasure(Strict):
    id: Id = Field(description="Unique within the pattern; the anchor #cm-<id>. Keep it stable.")
    title: Text
    text: Text
    metrics: list[Metric] = Field(
        default_factory=list, description="How to tell whether the countermeasure works."
    )


class ChecklistItem(Strict):
    id: Id = Field(description="Unique across the dataset; saved checklist state is keyed by it.")
    text: Text = Field(description="A yes/no statement a team can tick when it is true.")
    countermeasure: Id = Field(description="Id of the countermeasure (same pattern) it checks.")
    revision: int = Field(
        default=1,
        ge=1,
        description="Raise it when the statement's meaning changes: answers given to an older "
        "revision are marked for a re-check. A new wording with the same meaning keeps it "
        "(`python -m macros lock --same-meaning ID`; macros/content/revisions.py).",
    )


class Pattern(Strict):
    id: Id = Field(description="Unique; becomes the page address patterns/<id>/.")
    title: Text
    short_title: Text = Field(description="For navigation, cards and the cycle diagram.")
    description: Text = Field(description="One or two sentences for search results and sharing.")
    icon: str = Field(
        default="material/alert-outline",
        pattern=r"^(material|octicons|fontawesome/[a-z]+|simple)/[a-z0-9-]+$",
        description="A Material icon name, e.g. material/account-group.",
    )
    summary: Text
    symptoms: list[Text] = Field(min_length=1)
    causes: list[Text] = Field(min_length=1)
    countermeasures: list[Countermeasure] = Field(min_length=1)
    monday: Text = Field(description="The first concrete step a team can take next week.")
    cycle_step: Id = Field(description="Id of the dream-cycle step this pattern breaks.")
    related: list[Id] = Field(default_factory=list, description="Ids of related patterns.")
    checklist: list[ChecklistItem] = Field(min_length=1)


class Dataset(Strict):
    version: Literal[1]
    pdca: list[PdcaPhase] = Field(min_length=4, max_length=4)
    cycle: list[CycleStep] = Field(min_length=3)
    patterns: list[Pattern] = Field(min_length=1)


class Strings(RootModel[dict[UiKey, Text]]):
    """Interface strings used by templates and page scripts, keyed by a snake_case name."""

    # The validator rejects keys outside the pattern; say so to editors too.
    model_config = ConfigDict(frozen=True, json_schema_extra={"additionalProperties": False})
