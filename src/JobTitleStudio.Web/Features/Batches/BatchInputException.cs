namespace JobTitleStudio.Web.Features.Batches;

/// <summary>An upload or request the analyst has to fix; the message says what and where, the status is the HTTP answer.</summary>
public sealed class BatchInputException(string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
