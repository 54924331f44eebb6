"""The files the game ships besides code: a font with wide glyph coverage (∞, ±, ×), and its licence."""
