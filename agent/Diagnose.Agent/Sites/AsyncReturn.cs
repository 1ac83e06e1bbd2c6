using System.Collections.Concurrent;
using System.Reflection;

namespace Diagnose.Sites;

/// <summary>
/// Return events of methods that return a task fire when the task completes, with the awaited value as
/// <c>result</c> and the fault as <c>exception</c>. Observing never changes the task: a continuation is added (run
/// synchronously on the completing thread), a faulted task's exception is read only when an instrument uses
/// <c>exception</c> (reading it marks it observed), and a ValueTask backed by an IValueTaskSource, which may be
/// awaited only once, is never touched.
/// </summary>
internal static class AsyncReturn
{
    /// <summary>The awaited type of a task-returning method (typeof(void) for Task/ValueTask), or null for other methods.</summary>
    public static Type? AwaitedType(MethodBase method)
    {
        if (method is not MethodInfo { ReturnType: var type })
        {
            return null;
        }

        if (type == typeof(Task) || type == typeof(ValueTask))
        {
            return typeof(void);
        }

        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return type.GetGenericArguments()[0];
        }

        return null;
    }

    /// <summary>The Observe method for a returned value of <paramref name="returned"/> (as the hook passes it) and awaited type.</summary>
    public static MethodInfo ObserveMethod(Type returned, Type awaited)
    {
        var name = returned.IsValueType ? nameof(ObserveValueTask) : nameof(ObserveTask);
        var open = typeof(AsyncReturn).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == name && m.IsGenericMethodDefinition == (awaited != typeof(void)));
        return awaited == typeof(void) ? open : open.MakeGenericMethod(awaited);
    }

    public static void ObserveTask<T>(object? task, Exception? thrown, Action<T?, Exception?> done, bool needsException) =>
        Observe(task as Task, thrown, (t, e) => done(ResultOf<T>(t), e), needsException);

    public static void ObserveTask(object? task, Exception? thrown, Action<object?, Exception?> done, bool needsException) =>
        Observe(task as Task, thrown, (_, e) => done(null, e), needsException);

    public static void ObserveValueTask<T>(ValueTask<T> task, Exception? thrown, Action<T?, Exception?> done, bool needsException)
    {
        if (thrown is not null)
        {
            done(default, thrown);
            return;
        }

        switch (ValueTaskInside<T>.Of(task))
        {
            case null:
                done(task.Result, null); // completed synchronously with a plain value: reading it is free
                break;
            case Task<T> inner:
                ObserveTask(inner, null, done, needsException);
                break;
            default:
                throw new InstrumentException("this ValueTask is backed by an IValueTaskSource, which may be awaited only once: its return event cannot be observed");
        }
    }

    public static void ObserveValueTask(ValueTask task, Exception? thrown, Action<object?, Exception?> done, bool needsException)
    {
        if (thrown is not null)
        {
            done(null, thrown);
            return;
        }

        switch (ValueTaskInside.Of(task))
        {
            case null:
                done(null, null);
                break;
            case Task inner:
                ObserveTask(inner, null, done, needsException);
                break;
            default:
                throw new InstrumentException("this ValueTask is backed by an IValueTaskSource, which may be awaited only once: its return event cannot be observed");
        }
    }

    private static void Observe(Task? task, Exception? thrown, Action<Task?, Exception?> done, bool needsException)
    {
        if (thrown is not null || task is null)
        {
            done(null, thrown);
        }
        else if (task.IsCompleted)
        {
            done(task, Fault(task, needsException));
        }
        else
        {
            task.ContinueWith(
                static (completed, state) =>
                {
                    var (callback, wantsException) = ((Action<Task?, Exception?>, bool))state!;
                    callback(completed, Fault(completed, wantsException));
                },
                (done, needsException),
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private static readonly ConcurrentDictionary<Type, PropertyInfo?> s_resultProperties = new();

    /// <summary>The value of a task that ran to completion (a generic method's Task&lt;T&gt; is read by reflection, as object).</summary>
    private static T? ResultOf<T>(Task? task)
    {
        if (task is not { IsCompletedSuccessfully: true })
        {
            return default;
        }

        if (task is Task<T> typed)
        {
            return typed.Result;
        }

        var property = s_resultProperties.GetOrAdd(task.GetType(), t => t.GetProperty("Result"));
        return property?.GetValue(task) is T value ? value : default;
    }

    private static Exception? Fault(Task task, bool needsException) => task.Status switch
    {
        TaskStatus.Faulted when needsException => task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException : task.Exception,
        TaskStatus.Canceled when needsException => new TaskCanceledException(task),
        _ => null,
    };

    /// <summary>What a ValueTask&lt;T&gt; wraps (its private <c>_obj</c>): null, a Task&lt;T&gt;, or an IValueTaskSource.</summary>
    private static class ValueTaskInside<T>
    {
        private static readonly FieldInfo? s_object = typeof(ValueTask<T>).GetField("_obj", BindingFlags.NonPublic | BindingFlags.Instance);

        public static object? Of(ValueTask<T> task) =>
            s_object is null ? Unknown.Instance : s_object.GetValue(task);
    }

    private static class ValueTaskInside
    {
        private static readonly FieldInfo? s_object = typeof(ValueTask).GetField("_obj", BindingFlags.NonPublic | BindingFlags.Instance);

        public static object? Of(ValueTask task) =>
            s_object is null ? Unknown.Instance : s_object.GetValue(task);
    }

    /// <summary>Stands for "cannot tell what is inside" (a runtime without the expected field): never observed.</summary>
    private sealed class Unknown
    {
        public static readonly Unknown Instance = new();
    }
}
