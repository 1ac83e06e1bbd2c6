// A small owning reference to a COM interface: AddRef on copy, Release on destruction.
#pragma once

#include <utility>

#include "clr/unknwn.h"

namespace diagnose {

template <typename T>
class ComPtr {
public:
    ComPtr() = default;
    explicit ComPtr(T* ptr) : m_ptr(ptr) { AddRefIfSet(); }
    ComPtr(const ComPtr& other) : m_ptr(other.m_ptr) { AddRefIfSet(); }
    ComPtr(ComPtr&& other) noexcept : m_ptr(std::exchange(other.m_ptr, nullptr)) {}
    ~ComPtr() { Reset(); }

    ComPtr& operator=(const ComPtr& other) {
        if (this != &other) {
            Reset();
            m_ptr = other.m_ptr;
            AddRefIfSet();
        }
        return *this;
    }
    ComPtr& operator=(ComPtr&& other) noexcept {
        if (this != &other) {
            Reset();
            m_ptr = std::exchange(other.m_ptr, nullptr);
        }
        return *this;
    }

    T* Get() const { return m_ptr; }
    T* operator->() const { return m_ptr; }
    explicit operator bool() const { return m_ptr != nullptr; }

    // Releases the current reference and returns the slot for an out-parameter that hands over a reference.
    T** Out() {
        Reset();
        return &m_ptr;
    }
    void** OutVoid() { return reinterpret_cast<void**>(Out()); }
    IUnknown** OutUnknown() { return reinterpret_cast<IUnknown**>(Out()); }

    void Reset() {
        if (m_ptr != nullptr) {
            std::exchange(m_ptr, nullptr)->Release();
        }
    }

    // QueryInterface into another smart reference.
    template <typename U>
    HRESULT As(REFIID iid, ComPtr<U>* target) const {
        if (m_ptr == nullptr) {
            return E_POINTER;
        }
        return m_ptr->QueryInterface(iid, target->OutVoid());
    }

private:
    void AddRefIfSet() {
        if (m_ptr != nullptr) {
            m_ptr->AddRef();
        }
    }

    T* m_ptr = nullptr;
};

}  // namespace diagnose
