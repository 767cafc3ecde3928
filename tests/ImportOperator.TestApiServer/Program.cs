// Runs the test API server on its own (the runtime helper fills this in).
return 0;
