namespace JobTitleStudio.Web.Features.Models;

public sealed class ModelsOptions
{
    /// <summary>The model file loaded at start-up; relative paths resolve against the content root.</summary>
    public string DefaultModelPath { get; set; } = "models/default.jtsm";
}
