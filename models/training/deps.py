"""Checks the recipe's Debian packages before anything else runs, and says how to install them."""
import importlib
import shutil
import sys

APT_LINE = "sudo apt-get install python3-torch python3-torchvision python3-opencv python3-numpy ffmpeg"
MODULES = {"torch": "python3-torch", "torchvision": "python3-torchvision", "cv2": "python3-opencv", "numpy": "python3-numpy"}


def require(*names: str) -> None:
    """Exits with the exact apt-get line when a module (or ffmpeg) is missing."""
    missing = []
    for name in names or MODULES:
        try:
            importlib.import_module(name)
        except ImportError:
            missing.append(MODULES[name])
    if shutil.which("ffmpeg") is None and not __import__("os").environ.get("FFMPEG_PATH"):
        missing.append("ffmpeg")
    if missing:
        sys.exit(
            f"missing Debian packages: {', '.join(missing)}\n"
            f"install them with: {APT_LINE}\n"
            f"(run the recipe with Debian's /usr/bin/python3, which sees them; or models/training/install-deps.sh)"
        )
