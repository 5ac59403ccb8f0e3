"""Code behind the guide."""
