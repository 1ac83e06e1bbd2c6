using Diagnose.Sites;
using NUnit.Framework;

namespace Diagnose.Tests.Sites;

/// <summary>
/// When a task-returning method fails, its return instruments see <c>result</c> as the awaited type's default (0,
/// null) and <c>exception</c> set; the task itself is left as it was.
/// </summary>
public sealed class AsyncReturnTests
{
    [Test]
    public void AFaultedTaskOfIntGivesZeroAndTheException()
    {
        var fault = new InvalidOperationException("failed");
        var seen = Observe<int>(Task.FromException<int>(fault));

        Assert.That(seen, Is.EqualTo((0, (Exception)fault)));
    }

    [Test]
    public void AFaultedTaskOfStringGivesNullAndTheException()
    {
        var fault = new FormatException("bad");
        var seen = Observe<string>(Task.FromException<string>(fault));

        Assert.That(seen, Is.EqualTo(((string?)null, (Exception)fault)));
    }

    [Test]
    public void AValueTaskWhoseMethodThrewGivesTheDefaultAndTheException()
    {
        var fault = new DivideByZeroException();
        (int Result, Exception? Exception)? seen = null;

        AsyncReturn.ObserveValueTask<int>(default, fault, (r, e) => seen = (r, e), needsException: true);

        Assert.That(seen, Is.EqualTo((0, (Exception)fault)));
    }

    [Test]
    public void AFaultedTaskWhoseExceptionNoInstrumentReadsStaysUnobserved()
    {
        var task = Task.FromException<int>(new InvalidOperationException("failed"));
        (int, Exception?)? seen = null;

        AsyncReturn.ObserveTask<int>(task, null, (r, e) => seen = (r, e), needsException: false);

        Assert.That(seen, Is.EqualTo((0, (Exception?)null)));
        Assert.That(task.IsFaulted, Is.True);
    }

    private static (T? Result, Exception? Exception) Observe<T>(Task<T> task)
    {
        (T?, Exception?)? seen = null;
        AsyncReturn.ObserveTask<T>(task, null, (r, e) => seen = (r, e), needsException: true);
        return seen ?? throw new AssertionException("the completion did not run");
    }
}
