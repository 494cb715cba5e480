namespace JobTitleStudio.Cli;

/// <summary>A problem the user can fix (a wrong option, a missing column): reported as one line, exit code 2.</summary>
public sealed class CliException(string message) : Exception(message);
