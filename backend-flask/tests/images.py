"""Test images made on the spot with Pillow (and one made by hand)."""

import io
import struct
import zlib

from PIL import Image


def jpeg_rotated_with_gps() -> bytes:
    """300×200, red on top and blue below, stored sideways: EXIF orientation 6
    (turn 90° clockwise to show), with GPS coordinates and a camera make."""
    image = Image.new("RGB", (300, 200), "blue")
    image.paste((255, 0, 0), (0, 0, 300, 100))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x010F] = "SpyCam"  # Make
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (51.0, 30.0, 0.0), "W", (0.0, 7.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=95)
    return out.getvalue()


def png_with_transparency() -> bytes:
    image = Image.new("RGBA", (64, 48), (0, 0, 0, 0))
    image.paste((0, 128, 0, 255), (16, 12, 48, 36))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def webp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (100, 100), "orange").save(out, "WEBP")
    return out.getvalue()


def animated_gif() -> bytes:
    frames = [Image.new("P", (40, 40), colour) for colour in (1, 2, 3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def truncated_png() -> bytes:
    out = io.BytesIO()
    Image.effect_noise((400, 400), 64).save(out, "PNG")
    data = out.getvalue()
    return data[: len(data) // 2]


def png_bomb(side: int = 20_000) -> bytes:
    """A valid PNG header announcing side × side pixels, with a few bytes of
    compressed data: tiny on disk, 400 million pixels if decoded."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + side // 8) * 16)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
