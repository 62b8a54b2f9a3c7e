// Placeholder; replaced by the GitSource implementation.
