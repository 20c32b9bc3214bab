from pathlib import Path

import pytest

from twinnings.manage import main


def test_hyphenated_command_names_run_the_django_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    po = tmp_path / "fr" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    po.write_text('msgid "Twinnings"\nmsgstr "Jumelages"\n', encoding="utf-8")
    main(["twinnings", "compile-translations", "--locale-dir", str(tmp_path)])
    assert po.with_suffix(".mo").is_file()
    assert "compiled 1 translation catalogue(s)" in capsys.readouterr().out


def test_an_unknown_command_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["twinnings", "no-such-command"])
    assert "Unknown command: 'no_such_command'" in capsys.readouterr().err
