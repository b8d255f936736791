"""scalescope's modal screens, one per file."""
