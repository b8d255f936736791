"""scalescope's widgets, one per file."""
