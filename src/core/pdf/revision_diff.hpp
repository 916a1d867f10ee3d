// What each incremental update of a PDF changed, object by object: every revision is parsed on
// its own (the file cut just after its %%EOF, read lazily from one copy of the file) and
// compared by object number with the one before it. Each added, changed or freed object is
// described by what it is for — page content, a form field's widget, a signature value, the
// AcroForm — so that the workflow can judge it without PoDoFo. Also: object definitions that a
// revision's cross-reference table does not use (shadow copies a lenient reader may pick up) and
// bytes after the last revision.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace kyso {

/// What an object is used for in a revision (the first use found wins, pages first).
enum class ObjectRole {
    Unreferenced,   ///< nothing reachable from the trailer uses it
    Catalog,
    PageTree,       ///< an intermediate /Pages node
    Page,
    PageContent,    ///< a page's content stream (or its /Contents array)
    PageResource,   ///< reachable from a page's /Resources (fonts, images, forms, ...)
    PageAnnots,     ///< an indirect /Annots array
    Annotation,     ///< an annotation that is not a form field, or its appearance
    Field,          ///< a form field (its dictionary or merged widget)
    FieldAppearance,///< reachable from a field widget's /AP
    SignatureValue, ///< the /V dictionary of a signature field
    AcroForm,
    FormResource,   ///< reachable from the AcroForm's /DR
    Dss,            ///< PAdES long-term validation data
    Metadata,       ///< the catalog's XMP stream
    Info,           ///< the trailer's /Info dictionary
    Other,          ///< anything else reachable from the catalog (outlines, OCGs, names, ...)
};

enum class ChangeKind { Added, Changed, Removed };

/// One place from which a revision reaches an object: the role of that place, and the keys
/// followed from the page, field or catalog to the object ("Resources › XObject /Fm1").
struct ObjectUse {
    ObjectRole role = ObjectRole::Unreferenced;
    int page = 0;
    std::string field;
    std::string path;
};

/// A form field as it stood in a revision.
struct FieldState {
    std::string type;       ///< "Sig", "Tx", ... (inherited /FT)
    bool has_value = false; ///< /V present (filled or signed)
    std::string rect;       ///< /Rect as written
};

/// One object that differs between two consecutive revisions.
struct ObjectChange {
    unsigned number = 0;
    ChangeKind kind = ChangeKind::Added;
    ObjectRole role = ObjectRole::Unreferenced;     ///< in the newer revision
    ObjectRole old_role = ObjectRole::Unreferenced; ///< in the older revision (Changed, Removed)
    int page = 0;           ///< 1-based page it belongs to (pages, contents, resources, annotations)
    std::string field;      ///< owning field's full name (Field, FieldAppearance, SignatureValue)
    std::string old_field;  ///< owning field in the older revision
    std::string detail;     ///< /Subtype of an annotation, catalog key of an Other object
    std::vector<std::string> changed_keys; ///< dictionary keys that differ ("AcroForm/Fields" one level down)
    bool stream_changed = false;
    size_t annotations_removed = 0; ///< for a page or /Annots array: references no longer there
    /// Every distinct place the older revision reached it from (Changed, Removed), the first
    /// use included: a change allowed for one place (a field's /AP) is not for another (a page).
    std::vector<ObjectUse> old_uses;
};

/// The differences brought by one revision.
struct RevisionDiff {
    int revision = 0;       ///< 1-based number of the newer revision
    size_t start = 0, end = 0; ///< its bytes in the file
    bool readable = true;
    std::string unreadable_reason;
    std::vector<ObjectChange> objects;
    std::vector<unsigned> stray_definitions; ///< "N 0 obj" written here but not used by its xref
    std::vector<std::string> trailer_changes; ///< trailer entries that now point elsewhere ("Root", "Encrypt")
    std::map<std::string, FieldState> fields_before; ///< every field of the older revision
    std::map<std::string, FieldState> fields_after;
};

/// The diffs of every revision after `first_revision` (1-based) up to the last.
struct RevisionHistory {
    std::vector<size_t> revision_ends;
    std::vector<RevisionDiff> diffs; ///< diffs[i] is revision first_revision + 1 + i
    size_t trailing_bytes = 0;       ///< non-blank bytes after the last %%EOF: no revision at all
    size_t objects_read = 0;         ///< objects PoDoFo parsed for the analysis (the tests pin it)
};

/// How much of each revision the analysis reads; both give the same history.
enum class DiffScope {
    /// The objects a revision changes and the places the revisions use them from: an object
    /// read from the same bytes in both revisions is not compared, and the walk from the
    /// catalog goes down only to objects that lead to a changed one (found through an index of
    /// references skimmed from the file's bytes). Cost: the changed objects, not the document.
    TouchedObjects,
    /// Every object and page of every revision (what the tests compare the first with).
    Everything,
};

/// Compares each revision after `first_revision` with the one before it.
RevisionHistory diff_revisions(const std::string& path, int first_revision,
                               DiffScope scope = DiffScope::TouchedObjects);

} // namespace kyso
