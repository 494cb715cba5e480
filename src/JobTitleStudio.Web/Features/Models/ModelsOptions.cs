namespace JobTitleStudio.Web.Features.Models;

public sealed class ModelsOptions
{
    /// <summary>
    /// The model file loaded at start-up; relative paths resolve against the content root. Empty means
    /// the shipped default model, built from models/source on the first start and cached in models/cache.
    /// </summary>
    public string DefaultModelPath { get; set; } = string.Empty;
}
