using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Diagnose.Redaction;

namespace Diagnose.Snapshots;

/// <summary>
/// Writes a snapshot as one JSON object: an object graph read through its fields only (never a property getter,
/// ToString, an enumerator or a static field, so no code of the app runs and no static constructor is triggered),
/// within <see cref="SnapshotLimits"/>. Every cut is marked with a <c>truncated</c> member saying what was left out;
/// a reference back to an object being written is written as <c>{"$type": …, "cycle": "path"}</c>. Redacted as log
/// values are: a sensitive name (field, parameter, local, string dictionary key) is written <c>[redacted]</c> and its
/// value never read; values of redacted types likewise.
/// </summary>
internal sealed class SnapshotWriter
{
    private const BindingFlags InstanceFields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
    private static readonly ConcurrentDictionary<Type, FieldInfo[]> s_fields = new();
    private static readonly ConcurrentDictionary<Type, string> s_typeNames = new();
    private static readonly ConcurrentDictionary<(Type Type, string Name), FieldInfo?> s_named = new();

    private readonly ArrayBufferWriter<byte> _buffer = new();
    private readonly Utf8JsonWriter _json;
    private readonly SnapshotLimits _limits;
    private readonly Redactor _redactor;
    private readonly Dictionary<object, Path> _ancestors = new(ReferenceEqualityComparer.Instance);
    private bool _full;

    private SnapshotWriter(SnapshotLimits limits, Redactor redactor)
    {
        _limits = limits;
        _redactor = redactor;
        _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false });
    }

    /// <summary>The snapshot of a frame (the name <c>snapshot</c>) or of any one value (<c>--value order</c>).</summary>
    public static string Write(string probe, object? value, SnapshotLimits limits, Redactor redactor)
    {
        var writer = new SnapshotWriter(limits, redactor);
        writer._json.WriteStartObject();
        writer._json.WriteString("probe", probe);
        if (value is SnapshotFrame frame)
        {
            writer.Frame(frame);
        }
        else
        {
            writer._json.WritePropertyName("value");
            writer.Value(value, new Path(Path.Root, "value"), 0);
        }

        if (writer._full)
        {
            writer._json.WriteString("truncated", $"the snapshot reached its limit of {limits.Bytes / 1024} KiB; later values were left out");
        }

        writer._json.WriteEndObject();
        writer._json.Flush();
        return System.Text.Encoding.UTF8.GetString(writer._buffer.WrittenSpan);
    }

    private long Size => _json.BytesCommitted + _json.BytesPending;

    private void Frame(SnapshotFrame frame)
    {
        _json.WriteString("method", Sites.CallerInfo.Describe(frame.Method));
        _json.WriteString("event", frame.Event);
        string? section = null;
        for (var i = 0; i < frame.Names.Count; i++)
        {
            var slash = frame.Names[i].IndexOf('/', StringComparison.Ordinal);
            var (part, name) = (frame.Names[i][..slash], frame.Names[i][(slash + 1)..]);
            if (part is "this" or "result" or "exception")
            {
                CloseSection(ref section);
                _json.WritePropertyName(part);
                Named(name, frame.Values[i], new Path(Path.Root, part), 0);
                continue;
            }

            if (section != part)
            {
                CloseSection(ref section);
                _json.WriteStartObject(part);
                section = part;
            }

            _json.WritePropertyName(name);
            Named(name, frame.Values[i], new Path(new Path(Path.Root, part), name), 0);
        }

        CloseSection(ref section);
        if (frame.NotCaptured.Count > 0)
        {
            _json.WriteStartArray("notCaptured");
            foreach (var reason in frame.NotCaptured)
            {
                _json.WriteStringValue(reason);
            }

            _json.WriteEndArray();
        }

        _json.WriteStartArray("stack");
        foreach (var line in frame.Stack)
        {
            _json.WriteStringValue(line);
        }

        _json.WriteEndArray();
    }

    private void CloseSection(ref string? section)
    {
        if (section is not null)
        {
            _json.WriteEndObject();
            section = null;
        }
    }

    /// <summary>A value under a name: <c>[redacted]</c> when the name is sensitive (the value is then never read).</summary>
    private void Named(string name, object? value, Path path, int depth)
    {
        if (_redactor.IsSensitive(name))
        {
            _json.WriteStringValue(Redactor.Text);
        }
        else
        {
            Value(value, path, depth);
        }
    }

    private void Value(object? value, Path path, int depth)
    {
        if (value is null)
        {
            _json.WriteNullValue();
            return;
        }

        if (Size >= _limits.Bytes)
        {
            _full = true;
            _json.WriteNullValue();
            return;
        }

        var type = value.GetType();
        if (!type.IsPrimitive && _redactor.Redacts(type))
        {
            _json.WriteStringValue(Redactor.Text);
            return;
        }

        if (Scalar(value))
        {
            return;
        }

        if (Opaque(type))
        {
            _json.WriteStartObject();
            _json.WriteString("$type", TypeName(type));
            _json.WriteEndObject();
            return;
        }

        if (!type.IsValueType && _ancestors.TryGetValue(value, out var first))
        {
            _json.WriteStartObject();
            _json.WriteString("$type", TypeName(type));
            _json.WriteString("cycle", first.ToString());
            _json.WriteEndObject();
            return;
        }

        _json.WriteStartObject();
        _json.WriteString("$type", TypeName(type));
        if (depth >= _limits.Depth)
        {
            _json.WriteString("truncated", $"depth {_limits.Depth} reached (custom.depth)");
            _json.WriteEndObject();
            return;
        }

        if (!type.IsValueType)
        {
            _ancestors[value] = path;
        }

        try
        {
            switch (value)
            {
                case Array array:
                    Items(array.Length, Elements(array), path, depth);
                    break;
                case Exception exception:
                    ExceptionFields(exception, path, depth);
                    break;
                default:
                    if (!Collection(value, type, path, depth))
                    {
                        Fields(value, type, path, depth);
                    }

                    break;
            }
        }
        finally
        {
            _ancestors.Remove(value);
        }

        _json.WriteEndObject();
    }

    /// <summary>Numbers, text, booleans and the framework's value types that are values (dates, GUIDs…).</summary>
    private bool Scalar(object value)
    {
        switch (value)
        {
            case string text:
                if (text.Length <= _limits.StringChars)
                {
                    _json.WriteStringValue(text);
                }
                else
                {
                    _json.WriteStartObject();
                    _json.WriteString("value", text.AsSpan(0, char.IsHighSurrogate(text[_limits.StringChars - 1]) ? _limits.StringChars - 1 : _limits.StringChars));
                    _json.WriteString("truncated", $"{text.Length} characters, the first {_limits.StringChars} kept");
                    _json.WriteEndObject();
                }

                return true;
            case bool flag:
                _json.WriteBooleanValue(flag);
                return true;
            case char character:
                _json.WriteStringValue(character.ToString());
                return true;
            case double real:
                WriteReal(real);
                return true;
            case float single:
                WriteReal(single);
                return true;
            case decimal money:
                _json.WriteNumberValue(money);
                return true;
            case byte or sbyte or short or ushort or int or uint or long:
                _json.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                return true;
            case ulong large:
                _json.WriteNumberValue(large);
                return true;
            case nint pointer:
                _json.WriteNumberValue((long)pointer);
                return true;
            case nuint unsignedPointer:
                _json.WriteNumberValue((ulong)unsignedPointer);
                return true;
            case Enum:
                _json.WriteStringValue(value.ToString());
                return true;
            case DateTime or DateTimeOffset or TimeSpan or Guid or DateOnly or TimeOnly or Version:
                _json.WriteStringValue(((IFormattable)value).ToString(value is DateTime or DateTimeOffset ? "O" : null, CultureInfo.InvariantCulture));
                return true;
            case Uri uri:
                _json.WriteStringValue(uri.OriginalString);
                return true;
            default:
                return false;
        }
    }

    private void WriteReal(double real)
    {
        if (double.IsFinite(real))
        {
            _json.WriteNumberValue(real);
        }
        else
        {
            _json.WriteStringValue(real.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The runtime's own objects, whose fields say nothing useful and may be huge or native: the type only.</summary>
    private static bool Opaque(Type type) =>
        typeof(Delegate).IsAssignableFrom(type) || typeof(MemberInfo).IsAssignableFrom(type) || typeof(Assembly).IsAssignableFrom(type)
        || typeof(Module).IsAssignableFrom(type) || typeof(Thread).IsAssignableFrom(type) || typeof(Task).IsAssignableFrom(type)
        || typeof(Stream).IsAssignableFrom(type) || typeof(System.Runtime.InteropServices.SafeHandle).IsAssignableFrom(type)
        || typeof(CancellationTokenSource).IsAssignableFrom(type) || typeof(WaitHandle).IsAssignableFrom(type)
        || type == typeof(Pointer) || type.IsPointer || type.IsCOMObject;

    private static IEnumerable<object?> Elements(Array array)
    {
        // An array's elements are read by index, not through an enumerator; a multidimensional one in row order.
        if (array.Rank == 1)
        {
            var lower = array.GetLowerBound(0);
            for (var i = 0; i < array.Length; i++)
            {
                yield return array.GetValue(lower + i);
            }

            yield break;
        }

        var indices = new int[array.Rank];
        for (var n = 0; n < array.Length; n++)
        {
            var rest = n;
            for (var d = array.Rank - 1; d >= 0; d--)
            {
                var length = array.GetLength(d);
                indices[d] = array.GetLowerBound(d) + (rest % length);
                rest /= length;
            }

            yield return array.GetValue(indices);
        }
    }

    private void Items(int count, IEnumerable<object?> items, Path path, int depth)
    {
        _json.WriteNumber("count", count);
        _json.WriteStartArray("items");
        var written = 0;
        foreach (var item in items)
        {
            if (written == _limits.Items)
            {
                break;
            }

            Value(item, new Path(path, null, written), depth + 1);
            written++;
        }

        _json.WriteEndArray();
        if (count > written)
        {
            _json.WriteString("truncated", $"{count - written} more items (at most {_limits.Items})");
        }
    }

    /// <summary>
    /// <c>List&lt;T&gt;</c> and <c>Dictionary&lt;K, V&gt;</c> are read through their own fields (their array and count,
    /// never an enumerator), as items and key/value entries; a string key that is a sensitive name redacts its value.
    /// False for any other type, or when a runtime's list or dictionary does not have the fields expected.
    /// </summary>
    private bool Collection(object value, Type type, Path path, int depth)
    {
        if (!type.IsGenericType)
        {
            return false;
        }

        var definition = type.GetGenericTypeDefinition();
        if (definition == typeof(List<>)
            && Field(type, "_items")?.GetValue(value) is Array items && Field(type, "_size")?.GetValue(value) is int size && size <= items.Length)
        {
            Items(size, Elements(items).Take(size), path, depth);
            return true;
        }

        if (definition == typeof(Dictionary<,>) && Field(type, "_count")?.GetValue(value) is int count && Field(type, "_freeCount")?.GetValue(value) is int free)
        {
            var entries = Field(type, "_entries")?.GetValue(value) as Array;
            var entryType = entries?.GetType().GetElementType();
            var (key, item, next) = (entryType is null ? null : Field(entryType, "key"), entryType is null ? null : Field(entryType, "value"), entryType is null ? null : Field(entryType, "next"));
            if (entries is null && count == 0)
            {
                _json.WriteNumber("count", 0);
                _json.WriteStartArray("entries");
                _json.WriteEndArray();
                return true;
            }

            if (entries is null || key is null || item is null || next is null || count > entries.Length)
            {
                return false;
            }

            _json.WriteNumber("count", count - free);
            _json.WriteStartArray("entries");
            var written = 0;
            for (var i = 0; i < count && written < _limits.Items; i++)
            {
                var entry = entries.GetValue(i);
                if (next.GetValue(entry) is not int link || link < -1)
                {
                    continue; // on the free list
                }

                var entryKey = key.GetValue(entry);
                _json.WriteStartObject();
                _json.WritePropertyName("key");
                Value(entryKey, new Path(new Path(path, "entries", written), "key"), depth + 1);
                _json.WritePropertyName("value");
                if (entryKey is string name)
                {
                    Named(name, item.GetValue(entry), new Path(new Path(path, "entries", written), "value"), depth + 1);
                }
                else
                {
                    Value(item.GetValue(entry), new Path(new Path(path, "entries", written), "value"), depth + 1);
                }

                _json.WriteEndObject();
                written++;
            }

            _json.WriteEndArray();
            if (count - free > written)
            {
                _json.WriteString("truncated", $"{count - free - written} more entries (at most {_limits.Items})");
            }

            return true;
        }

        return false;
    }

    /// <summary>An exception: its message and inner exception (from System.Exception's fields), then its own type's fields.</summary>
    private void ExceptionFields(Exception exception, Path path, int depth)
    {
        _json.WritePropertyName("message");
        Value(Field(typeof(Exception), "_message")?.GetValue(exception) as string, new Path(path, "message"), depth + 1);
        _json.WritePropertyName("inner");
        Value(Field(typeof(Exception), "_innerException")?.GetValue(exception), new Path(path, "inner"), depth + 1);
        Fields(exception, exception.GetType(), path, depth, stopAt: typeof(Exception));
    }

    /// <summary>Instance fields, base type first, an auto-property's backing field under the property's name.</summary>
    private void Fields(object value, Type type, Path path, int depth, Type? stopAt = null)
    {
        var fields = FieldsOf(type, stopAt ?? typeof(object));
        var written = 0;
        foreach (var field in fields)
        {
            if (written == _limits.Fields)
            {
                break;
            }

            var name = DisplayName(field);
            _json.WritePropertyName(name);
            if (_redactor.IsSensitive(name))
            {
                _json.WriteStringValue(Redactor.Text);
            }
            else
            {
                Value(Read(field, value), new Path(path, name), depth + 1);
            }

            written++;
        }

        if (fields.Length > written)
        {
            _json.WriteString("truncated", $"{fields.Length - written} more fields (at most {_limits.Fields})");
        }
    }

    private static object? Read(FieldInfo field, object value)
    {
        try
        {
            return field.GetValue(value);
        }
        catch (Exception e) when (e is NotSupportedException or FieldAccessException or ArgumentException)
        {
            return $"(not readable: {e.GetType().Name})";
        }
    }

    private static FieldInfo[] FieldsOf(Type type, Type stopAt) => s_fields.GetOrAdd(type, t =>
    {
        var chain = new List<Type>();
        for (var at = t; at is not null && at != stopAt && at != typeof(object) && at != typeof(ValueType); at = at.BaseType)
        {
            chain.Add(at);
        }

        chain.Reverse();
        return chain.SelectMany(c => c.GetFields(InstanceFields)).Where(f => !f.FieldType.IsByRefLike && !f.FieldType.IsPointer).ToArray();
    });

    private static string DisplayName(FieldInfo field)
    {
        var name = field.Name;
        const string backing = ">k__BackingField";
        return name.StartsWith('<') && name.EndsWith(backing, StringComparison.Ordinal) ? name[1..^backing.Length] : name;
    }

    private static string TypeName(Type type) => s_typeNames.GetOrAdd(type, Expressions.TypeNames.Display);

    private static FieldInfo? Field(Type type, string name) =>
        s_named.GetOrAdd((type, name), key => key.Type.GetField(key.Name, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public));

    /// <summary>
    /// Where a value is, as <c>$.args.order.Lines[3]</c>: made into text only when a cycle names it, so writing a
    /// snapshot builds no path strings.
    /// </summary>
    private sealed class Path(Path? parent, string? name, int index = -1)
    {
        public static readonly Path Root = new(null, null);

        public override string ToString()
        {
            if (parent is null)
            {
                return "$";
            }

            var text = new System.Text.StringBuilder(parent.ToString());
            if (name is not null)
            {
                text.Append('.').Append(name);
            }

            return index >= 0 ? text.Append('[').Append(index).Append(']').ToString() : text.ToString();
        }
    }
}
