namespace JobTitleStudio.Web.Hosting;

/// <summary>
/// A request the app cannot serve, with the HTTP status and a message saying what to fix. Services throw it;
/// API endpoints turn it into ProblemDetails and pages show the message.
/// </summary>
public sealed class StudioProblem(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public string Title { get; } = title;

    public static StudioProblem BadRequest(string detail) => new(StatusCodes.Status400BadRequest, "The request is not valid", detail);

    public static StudioProblem NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);

    public static StudioProblem Conflict(string detail) => new(StatusCodes.Status409Conflict, "Conflict", detail);

    public static StudioProblem ModelNotReady(string detail) => new(StatusCodes.Status503ServiceUnavailable, "The model is not ready", detail);

    public IResult ToResult() => TypedResults.Problem(detail: Message, statusCode: Status, title: Title);

    /// <summary>Runs an endpoint's work and answers its <see cref="StudioProblem"/>, if any, as ProblemDetails.</summary>
    public static async Task<IResult> AnswerAsync(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (StudioProblem problem)
        {
            return problem.ToResult();
        }
    }
}
