#include "uno/places.hpp"

namespace kyso::lo {

Bilingual place_name(Place place) {
    switch (place) {
    case Place::Number: return {"chỗ ghi số (\"Số:      /…\")", "the number gap (\"Số:      /…\")"};
    case Place::Day: return {"chỗ ghi ngày (\"ngày      tháng\")", "the day gap (\"ngày      tháng\")"};
    case Place::Month: return {"chỗ ghi tháng (\"tháng      năm\")", "the month gap (\"tháng      năm\")"};
    case Place::Title: return {"dòng chức vụ cuối của người ký (ví dụ \"CHỦ TỊCH\")",
                               "the signer's last title line (e.g. \"CHỦ TỊCH\")"};
    case Place::Name: return {"họ tên người ký", "the signer's full name"};
    case Place::Year: return {"chỗ ghi năm", "the year gap"};
    }
    return {};
}

} // namespace kyso::lo
