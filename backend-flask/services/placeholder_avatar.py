"""The generated avatar of people who have not uploaded one: their initial on
a colour of their own."""

import hashlib

COLOURS = ["#5b21b6", "#0f766e", "#b45309", "#be123c", "#1d4ed8", "#4d7c0f", "#7c2d12", "#374151"]


def placeholder_svg(handle: str) -> str:
    colour = COLOURS[hashlib.sha256(handle.encode()).digest()[0] % len(COLOURS)]
    initial = handle[0].upper()
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 128 128" role="img" '
        f'aria-label="{handle}"><rect width="128" height="128" fill="{colour}"/>'
        '<text x="64" y="64" dy=".35em" text-anchor="middle" font-family="system-ui, sans-serif" '
        f'font-size="64" font-weight="600" fill="#ffffff">{initial}</text></svg>'
    )
