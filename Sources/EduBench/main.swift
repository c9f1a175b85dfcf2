// Placeholder: the benchmark driver lands here.
