"""Level files: the strict schema (`schema`) and reading them with clear errors (`loader`)."""
