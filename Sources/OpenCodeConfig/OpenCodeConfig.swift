// Placeholder; replaced by the OpenCodeConfig implementation.
