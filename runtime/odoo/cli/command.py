"""Dispatch of ``odoo-bin [command] [options]`` to the registered commands.

A command is a subclass of :class:`Command`; its lower-cased class name (or
``name``) is the word typed after ``odoo-bin``. Without a command word the
``server`` command runs, as with Odoo.
"""
from __future__ import annotations

import sys
from pathlib import Path

commands: dict[str, type[Command]] = {}


class Command:
    """Base of the commands; subclasses register themselves."""
    name: str | None = None

    def __init_subclass__(cls) -> None:
        cls.name = cls.name or cls.__name__.lower()
        commands[cls.name] = cls

    def run(self, args: list[str]) -> None:
        raise NotImplementedError


class Help(Command):
    """Display the list of available commands"""

    def run(self, args: list[str]) -> None:
        program = Path(sys.argv[0]).name
        width = max(len(name) for name in commands) + 2
        lines = [f"    {name.ljust(width)}{(cls.__doc__ or '').strip()}" for name, cls in sorted(commands.items())]
        print(f"Odoo CLI, use '{program} --help' for regular server options.\n\n"
              "Available commands:\n" + '\n'.join(lines) +
              f"\n\nUse '{program} <command> --help' for individual command help.")


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``odoo-bin``: pick the command, hand it the remaining arguments."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = 'server'
    # Odoo lets --addons-path= precede the command word.
    leading: list[str] = []
    if len(args) > 1 and args[0].startswith('--addons-path=') and not args[1].startswith('-'):
        leading = [args.pop(0)]
    if args and not args[0].startswith('-'):
        command = args.pop(0)
    if command not in commands:
        sys.exit(f"Unknown command {command!r}; known commands: {', '.join(sorted(commands))}")
    commands[command]().run(leading + args)
