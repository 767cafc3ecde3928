using ImportOperator.Cli;
using ImportOperator.Cli.Import;

// Run as kubectl-import (kubectl's plugin naming: `kubectl import submit ...` executes `kubectl-import submit ...`),
// the import verbs are the top level.
return await CommandLine.RunAsync(KubectlPlugin.IsInvokedAsPlugin() ? ["import", .. args] : args);
