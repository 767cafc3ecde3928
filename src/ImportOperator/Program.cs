using ImportOperator.Cli;

return await CommandLine.RunAsync(args);
