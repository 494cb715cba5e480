namespace JobTitleStudio.Core.ModelFiles;

/// <summary>A model file that cannot be read, with a message that says why and what to do.</summary>
public sealed class ModelFileException : Exception
{
    public ModelFileException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
