"""How the admin's revision comparison (Page → History → Compare) shows cookies.

Left to Wagtail, a changed cookie shows every one of its fields, with the values
as stored ("analytics", "first"), and an added cookie table runs all its cookies
together into one line of text. Here each cookie is shown by its name, then
only the fields that changed, as “old → new”, with the labels the public
cookie table shows.
"""

from django.utils.encoding import force_str
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.compare import BlockComparison, ListBlockComparison, TextDiff

from .plain_text import choice_label


def shown_value(block, value):
    """A cookie field as readers see it: for a choice, its label."""
    if isinstance(block, blocks.ChoiceBlock):
        return force_str(choice_label(block, value))
    if isinstance(block, blocks.BooleanBlock):
        return force_str(_("yes") if value else _("no"))
    if isinstance(block, blocks.IntegerBlock):
        return "" if value is None else str(value)
    return force_str(value or "")


def old_to_new(old, new):
    """“old → new”, marked up as Wagtail marks deletions and additions."""
    return TextDiff([("deletion", old), ("equal", " → "), ("addition", new)]).to_html()


def _list(rows):
    return format_html(
        "<dl>\n{}\n</dl>",
        format_html_join("\n", "    <dt>{}</dt>\n    <dd>{}</dd>", rows),
    )


class CookieComparison(BlockComparison):
    """One cookie: its name, then its fields, or only the fields that changed."""

    def _fields(self):
        return [
            (name, block)
            for name, block in self.block.child_blocks.items()
            if name != "name"
        ]

    def name_html(self):
        old, new = self.val_a and self.val_a["name"], self.val_b and self.val_b["name"]
        if old and new and old != new:
            return format_html("<p><code>{}</code></p>", old_to_new(old, new))
        return format_html("<p><code>{}</code></p>", new or old)

    def htmlvalue(self, val):
        """The whole cookie: one added or removed, alone or with its table.

        Its kind is said when it is not a cookie, as the public table does.
        """
        return format_html(
            "{}\n{}",
            format_html("<p><code>{}</code></p>", val["name"]),
            _list(
                (block.label, shown_value(block, val[name]))
                for name, block in self._fields()
                if not (name == "kind" and val[name] == block.get_default())
            ),
        )

    def htmldiff(self):
        changes = []
        for name, block in self._fields():
            old = shown_value(block, self.val_a[name])
            new = shown_value(block, self.val_b[name])
            if old != new:
                changes.append((block.label, old_to_new(old, new)))
        return format_html("{}\n{}", self.name_html(), _list(changes))

    def unchanged_html(self):
        """A cookie the change left alone: its name is enough."""
        return format_html(
            "<p><code>{}</code> — {}</p>", self.val_a["name"], _("unchanged")
        )


class CookieListComparison(ListBlockComparison):
    """The rows of a cookie table.

    Added and removed cookies in full, changed ones by what changed, the
    others by their name alone.
    """

    def htmlvalue(self, val):
        return format_html_join(
            "\n",
            '<div class="comparison__child-object">{}</div>',
            (
                (
                    CookieComparison(
                        cookie.block, True, True, cookie.value, cookie.value
                    ).htmlvalue(cookie.value),
                )
                for cookie in val.bound_blocks
            ),
        )

    def htmldiff(self):
        rows = []
        for comparison in self.get_block_comparisons():
            if comparison.is_new():
                rows.append((" addition", comparison.htmlvalue(comparison.val_b)))
            elif comparison.is_deleted():
                rows.append((" deletion", comparison.htmlvalue(comparison.val_a)))
            elif comparison.has_changed():
                rows.append(("", comparison.htmldiff()))
            else:
                rows.append(("", comparison.unchanged_html()))
        return format_html_join(
            "\n", '<div class="comparison__child-object{}">{}</div>', rows
        )
