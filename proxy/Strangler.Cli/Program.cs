using Strangler.Cli;

return await StranglerCli.RunAsync(args, Console.Out, Console.Error);
