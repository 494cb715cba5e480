using JobTitleStudio.Cli;

using var stdout = Console.OpenStandardOutput();
return CliApp.Run(args, stdout, Console.Error);
