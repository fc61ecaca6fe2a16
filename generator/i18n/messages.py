"""Message catalogue: every text a volunteer or organiser reads, Vietnamese first.

Codes are stable identifiers; tests assert on codes, people read the texts.
"""

from __future__ import annotations

import os
import string
from typing import Any

LANGUAGES = ("vi", "en")

CATALOGUE: dict[str, dict[str, str]] = {
    "label.error": {"vi": "", "en": ""},
    "label.warning": {"vi": "cảnh báo: ", "en": "warning: "},
    # --- reading the file -------------------------------------------------------
    "file.too_large": {
        "vi": "tệp quá lớn ({size} byte, tối đa {limit}); tệp YAML chỉ chứa chữ, ảnh để riêng bên cạnh",
        "en": "file is too large ({size} bytes, at most {limit}); a YAML file holds text only, photos go beside it",
    },
    "file.not_utf8": {
        "vi": "tệp không phải UTF-8 (byte lạ ở vị trí này); hãy lưu lại với bảng mã UTF-8",
        "en": "file is not UTF-8 (unexpected byte here); save it again with UTF-8 encoding",
    },
    "file.empty": {"vi": "tệp trống{hint}", "en": "file is empty{hint}"},
    # Hints naming the template of the record's kind (sites/, tours/, villages/_template.yml),
    # added where the record kind is known (validate.load_records).
    "hint.copy_template": {"vi": "; hãy sao chép {template} rồi điền vào", "en": "; copy {template} and fill it in"},
    "hint.like_template": {"vi": " (như {template})", "en": " (like {template})"},
    "hint.see_template": {"vi": " (xem {template})", "en": " (see {template})"},
    "file.unreadable": {"vi": "không đọc được tệp: {reason}", "en": "cannot read the file: {reason}"},
    "yaml.tab": {
        "vi": "có ký tự Tab; YAML chỉ dùng dấu cách để thụt lề, hãy thay Tab bằng dấu cách",
        "en": "tab character; YAML indents with spaces only, replace the tab with spaces",
    },
    "yaml.control_char": {
        "vi": "có ký tự điều khiển vô hình (U+{char}), thường do sao chép từ Word; hãy xóa nó",
        "en": "invisible control character (U+{char}), often pasted from a word processor; delete it",
    },
    "yaml.invisible_char": {
        "vi": "có ký tự vô hình {char} ở đây (trông như dấu cách nhưng không phải); hãy xóa nó và gõ lại bằng dấu cách thường",
        "en": "invisible character {char} here (looks like a space but is not one); delete it and type a plain space",
    },
    "yaml.too_deep": {
        "vi": "lồng nhau quá sâu (hơn {limit} tầng); hồ sơ di tích chỉ cần vài tầng thụt lề",
        "en": "nested too deeply (more than {limit} levels); a site record needs only a few levels",
    },
    "yaml.syntax": {
        "vi": "lỗi cú pháp YAML ({problem}); kiểm tra thụt lề và dấu hai chấm, đặt văn bản có dấu ':' hoặc '#' trong ngoặc kép",
        "en": "YAML syntax error ({problem}); check the indentation and colons, and quote text containing ':' or '#'",
    },
    "yaml.problem.colon": {"vi": "có dấu ':' ở chỗ không được phép", "en": "a ':' where none is allowed"},
    "yaml.problem.no_colon": {"vi": "thiếu dấu ':' sau tên trường", "en": "a field name without its ':'"},
    "yaml.problem.indent": {"vi": "thụt lề không khớp với các dòng trên", "en": "the indentation does not match the lines above"},
    "yaml.problem.bad_start": {
        "vi": "giá trị bắt đầu bằng ký tự không được phép (Tab, @ hoặc `); thụt lề bằng dấu cách",
        "en": "a value starts with a character that cannot start one (Tab, @ or `); indent with spaces",
    },
    "yaml.problem.open_list": {"vi": "danh sách [ ... ] thiếu dấu ']' hoặc ','", "en": "a [ ... ] list without its ']' or ','"},
    "yaml.problem.open_mapping": {"vi": "nhóm {{ ... }} thiếu dấu '}}' hoặc ','", "en": "a {{ ... }} group without its '}}' or ','"},
    "yaml.problem.open_quote": {"vi": "dấu ngoặc kép mở ở đây chưa được đóng", "en": "a quote opened here is never closed"},
    "yaml.duplicate_key": {
        "vi": "khóa '{key}' xuất hiện hai lần (lần đầu ở dòng {first_line}); hãy xóa một trong hai",
        "en": "key '{key}' appears twice (first at line {first_line}); remove one of them",
    },
    "yaml.alias": {
        "vi": "không dùng neo/bí danh YAML (&, *) trong hồ sơ di tích; hãy viết giá trị ra đầy đủ",
        "en": "YAML anchors/aliases (&, *) are not allowed in site records; write the value out in full",
    },
    "yaml.complex_key": {
        "vi": "khóa phải là một chữ đơn giản",
        "en": "keys must be plain words",
    },
    "yaml.tag": {
        "vi": "thẻ YAML '{tag}' không được phép; hãy bỏ thẻ và viết giá trị bình thường",
        "en": "YAML tag '{tag}' is not allowed; remove it and write a plain value",
    },
    "yaml.not_mapping": {
        "vi": "tệp phải là một danh sách trường 'tên: giá trị'{hint}",
        "en": "the file must be a set of 'field: value' lines{hint}",
    },
    # --- fields ---------------------------------------------------------------------
    "field.missing": {
        "vi": "thiếu trường bắt buộc '{name}'; hãy thêm nó{hint}",
        "en": "required field '{name}' is missing; add it{hint}",
    },
    "field.unknown": {
        "vi": "trường '{name}' không có trong mẫu{hint}",
        "en": "unknown field '{name}'{hint}",
    },
    "hint.did_you_mean": {"vi": "; có phải ý bạn là '{suggestion}'?", "en": "; did you mean '{suggestion}'?"},
    "hint.one_of": {"vi": "; có phải ý bạn là một trong: {choices}?", "en": "; did you mean one of: {choices}?"},
    "hint.allowed_fields": {"vi": "; các trường hợp lệ: {allowed}", "en": "; allowed fields: {allowed}"},
    "value.empty": {
        "vi": "đang để trống; hãy điền giá trị, hoặc xóa cả dòng nếu trường này không bắt buộc",
        "en": "is empty; fill it in, or delete the whole line if the field is optional",
    },
    "type.text": {
        "vi": "cần một đoạn chữ, nhưng đang là {got}; hãy đặt giá trị trong ngoặc kép",
        "en": "expected text but got {got}; put the value in quotes",
    },
    "type.number": {"vi": "cần một con số, nhưng đang là {got}{hint}", "en": "expected a number but got {got}{hint}"},
    "hint.pasted_point": {
        "vi": "; có vẻ đây là cả vĩ độ và kinh độ dán từ bản đồ: hãy viết lat: {lat} và lon: {lon} trên hai dòng",
        "en": "; this looks like latitude and longitude pasted from a map: write lat: {lat} and lon: {lon} on two lines",
    },
    "type.integer": {"vi": "cần một số nguyên, nhưng đang là {got}", "en": "expected a whole number but got {got}"},
    "type.list": {
        "vi": "cần một danh sách (mỗi mục một dòng bắt đầu bằng '- '), nhưng đang là {got}",
        "en": "expected a list (one item per line starting with '- ') but got {got}",
    },
    "type.mapping": {
        "vi": "cần các trường con 'tên: giá trị' thụt lề bên dưới, nhưng đang là {got}",
        "en": "expected indented 'field: value' lines below but got {got}",
    },
    "type.date": {
        "vi": "cần một ngày dạng NĂM-THÁNG-NGÀY, ví dụ 2025-06-30 (đang là {got})",
        "en": "expected a date as YEAR-MONTH-DAY, e.g. 2025-06-30 (got {got})",
    },
    "type.choice": {
        "vi": "'{got}' không hợp lệ; chọn một trong: {allowed}{hint}",
        "en": "'{got}' is not allowed; choose one of: {allowed}{hint}",
    },
    "list.alternatives": {"vi": "{items} hoặc {last}", "en": "{items} or {last}"},
    "field.invalid": {"vi": "giá trị không hợp lệ ({detail})", "en": "invalid value ({detail})"},
    "value.nothing": {"vi": "(trống)", "en": "(nothing)"},
    "text.empty": {"vi": "không được để trống", "en": "must not be empty"},
    "text.too_long": {
        "vi": "dài {length} ký tự, tối đa {limit}; hãy rút gọn",
        "en": "is {length} characters long, at most {limit}; shorten it",
    },
    "text.markup": {
        "vi": "không được chứa ký tự '<' hoặc '>'; đây là chữ thường, không phải mã HTML",
        "en": "must not contain '<' or '>'; this is plain text, not HTML",
    },
    "text.control_char": {
        "vi": "có ký tự vô hình, ký tự điều khiển hoặc đảo chiều chữ ({char}); chúng làm đảo lộn hay ẩn chữ trên trang, hãy xóa",
        "en": "contains an invisible, control or text-direction character ({char}); it reorders or hides text on pages, delete it",
    },
    "text.stacked_marks": {
        "vi": "có {count} dấu chồng lên cùng một chữ; tiếng Việt chỉ cần nhiều nhất hai (như ệ), chữ này sẽ đè lên các "
              "dòng xung quanh trên trang: hãy gõ lại chữ đó",
        "en": "stacks {count} combining marks on one letter; Vietnamese needs at most two (as in ệ), and this one spills "
              "over the lines around it on pages: type that letter again",
    },
    "markdown.too_complex": {
        "vi": "có {count} ký tự {chars}, tối đa {limit}; đoạn văn này quá phức tạp để dựng trang nhanh, hãy bớt liên kết, ngoặc hoặc chữ nhấn mạnh",
        "en": "has {count} of the characters {chars}, at most {limit}; this text is too complex to render quickly, use fewer links, brackets or emphasis",
    },
    "markdown.too_many_items": {
        "vi": "có {count} dòng danh sách hoặc trích dẫn, tối đa {limit}; hãy viết thành đoạn văn hoặc tách bớt",
        "en": "has {count} list or quote lines, at most {limit}; write paragraphs instead or shorten it",
    },
    "markdown.too_nested": {
        "vi": "dòng {line_in_text} của đoạn văn lồng danh sách/trích dẫn hơn {limit} tầng; hãy viết phẳng hơn",
        "en": "line {line_in_text} of the text nests lists or quotes more than {limit} levels deep; flatten it",
    },
    "list.too_short": {"vi": "cần ít nhất {min} mục", "en": "needs at least {min} item(s)"},
    "list.duplicate": {"vi": "'{value}' bị lặp lại", "en": "'{value}' is repeated"},
    "id.format": {
        "vi": "mã '{got}' sai dạng; mã có dạng {prefix}-0042 (mã tiếp theo còn trống: {next_id})",
        "en": "id '{got}' is malformed; ids look like {prefix}-0042 (next free id: {next_id})",
    },
    "slug.format": {
        "vi": "'{got}' không dùng được làm đường dẫn; chỉ chữ thường không dấu, số và dấu '-', ví dụ '{suggestion}'",
        "en": "'{got}' cannot be a URL slug; use lower-case ASCII letters, digits and '-', e.g. '{suggestion}'",
    },
    "slug.reserved": {
        "vi": "'{value}' đã là tên một phần của trang thôn; hãy đặt tên khác cho ngõ này, ví dụ 'ngo-1'",
        "en": "'{value}' already names a part of the village page; give this lane another slug, e.g. 'ngo-1'",
    },
    "slug.underivable": {
        "vi": "không tạo được đường dẫn từ tên; hãy thêm trường 'slug', ví dụ 'den-ba-trieu'",
        "en": "no slug can be made from the name; add a 'slug' field, e.g. 'den-ba-trieu'",
    },
    "url.scheme": {
        "vi": "'{got}' không phải địa chỉ web; cần bắt đầu bằng http:// hoặc https:// và không có dấu cách, dấu "
              "ngoặc kép, < > hay \\ (hãy chép lại địa chỉ từ thanh địa chỉ của trình duyệt)",
        "en": "'{got}' is not a web address; it must start with http:// or https:// and hold no space, quote, < > "
              "or \\ (copy it again from the browser's address bar)",
    },
    "lat.range": {
        "vi": "{got} không phải vĩ độ (phải nằm trong khoảng -90 đến 90){hint}",
        "en": "{got} is not a latitude (must be between -90 and 90){hint}",
    },
    "lon.range": {
        "vi": "{got} không phải kinh độ (phải nằm trong khoảng -180 đến 180){hint}",
        "en": "{got} is not a longitude (must be between -180 and 180){hint}",
    },
    "hint.swapped": {"vi": "; có phải bạn đã đổi chỗ lat và lon?", "en": "; did you swap lat and lon?"},
    "location.outside": {
        "vi": "điểm ({lat}, {lon}) nằm ngoài tỉnh {province} (vĩ độ {south}–{north}, kinh độ {west}–{east}){hint}",
        "en": "point ({lat}, {lon}) is outside {province} (latitude {south}–{north}, longitude {west}–{east}){hint}",
    },
    "text.template_placeholder": {
        "vi": "vẫn là chữ mẫu của {template} ('{text}'); hãy viết nội dung thật (hoặc để trống) trước khi công bố",
        "en": "still the placeholder text of {template} ('{text}'); write the real text (or leave it empty) before publishing",
    },
    "sources.none": {
        "vi": "di tích đã công bố nhưng chưa ghi nguồn tư liệu nào; hãy thêm ít nhất một nguồn (title, url) để người đọc kiểm chứng được",
        "en": "published without any source; add at least one (title, url) so that readers can verify the page",
    },
    "location.absent": {
        "vi": "di tích đã công bố nhưng chưa có vị trí (location); trang vẫn được tạo nhưng không có trên bản đồ",
        "en": "published without a location; the page is built but the site is not on the map",
    },
    "place.unknown": {
        "vi": "'{name}' không có trong danh mục đơn vị hành chính chính thức{hint}",
        "en": "'{name}' is not in the official list of administrative units{hint}",
    },
    "place.commune_filled": {
        "vi": "chưa ghi xã/phường hiện nay; đã điền '{commune}' (nơi xã cũ {former} được sáp nhập từ 1/7/2025); hãy ghi 'commune: {commune}' nếu đúng",
        "en": "today's commune is missing; filled in '{commune}' (which the former {former} joined on 1 July 2025); write 'commune: {commune}' if that is right",
    },
    "year.range": {
        "vi": "năm {got} không hợp lý (phải từ {min} đến {max})",
        "en": "year {got} is not plausible (must be from {min} to {max})",
    },
    "stop.both": {
        "vi": "một điểm dừng hoặc là di tích ('site'), hoặc là điểm tự do ('name' và 'point'), không phải cả hai",
        "en": "a stop is either a site ('site') or a free waypoint ('name' and 'point'), not both",
    },
    "stop.incomplete": {
        "vi": "điểm dừng cần 'site: TH-0001', hoặc cả 'name' lẫn 'point' (lat, lon) cho điểm không phải di tích",
        "en": "a stop needs 'site: TH-0001', or both 'name' and 'point' (lat, lon) for a waypoint that is not a site",
    },
    "date.future": {
        "vi": "ngày {got} nằm trong tương lai",
        "en": "date {got} is in the future",
    },
    # --- across files -----------------------------------------------------------
    "id.duplicate": {
        "vi": "mã '{value}' đã được dùng trong {other}; mỗi di tích một mã riêng (mã tiếp theo còn trống: {next_id})",
        "en": "id '{value}' is already used by {other}; every site needs its own id (next free id: {next_id})",
    },
    "id.reused": {
        "vi": "mã '{value}' đã được cấp cho di tích '{ledger_slug}' ({ledger} dòng {line}); mã không bao giờ dùng lại cho di tích khác{hint}. "
              "Nếu đây là di tích mới, hãy dùng mã {next_id}; nếu đúng là di tích đó đã đổi tên, hãy thêm 'former_slugs: [{ledger_slug}]' (địa chỉ cũ của trang vẫn mở được)",
        "en": "id '{value}' was given to the site '{ledger_slug}' ({ledger} line {line}); an id is never reused for another site{hint}. "
              "If this is a new site, use {next_id}; if it really is that site renamed, add 'former_slugs: [{ledger_slug}]' (its old page address keeps working)",
    },
    "hint.printed": {
        "vi": " (mã này đã in trên biển QR ngày {printed})",
        "en": " (this id is on a QR plaque printed {printed})",
    },
    "id.unledgered": {
        "vi": "mã '{value}' chưa có trong {ledger}; hãy thêm dòng '{value} {slug}' vào cuối tệp đó để mã không bị cấp lại",
        "en": "id '{value}' is not in {ledger}; add the line '{value} {slug}' at its end so the id is never handed out again",
    },
    "id.printed_unledgered": {
        "vi": "mã '{value}' đã in trên biển QR{hint} nhưng không có trong {ledger}; không biết nó thuộc di tích nào. Hãy lấy lại {ledger} từ lịch sử git",
        "en": "id '{value}' is on a printed QR plaque{hint} but not in {ledger}, so its site is unknown. Restore {ledger} from git history",
    },
    "ids.ledger_not_utf8": {
        "vi": "sổ mã di tích không phải UTF-8 (byte lạ ở dòng này); hãy lấy lại tệp từ lịch sử git hoặc lưu lại bằng UTF-8",
        "en": "the id ledger is not UTF-8 (unexpected byte on this line); restore it from git history or save it as UTF-8",
    },
    "id.prefix": {
        "vi": "mã '{got}' phải bắt đầu bằng '{prefix}-' (theo mkdocs.yml)",
        "en": "id '{got}' must start with '{prefix}-' (as set in mkdocs.yml)",
    },
    "url.taken": {
        "vi": "địa chỉ trang '{path}' đã thuộc về {other} ({other_field}); hai trang không thể chung một địa chỉ, hãy đổi một trong hai",
        "en": "the page address '{path}' already belongs to {other} ({other_field}); two pages cannot share an address, change one of them",
    },
    "url.reserved": {
        "vi": "địa chỉ trang '{path}' là trang riêng của trang web ({other_field} trong {other}); hãy chọn đường dẫn khác",
        "en": "the page address '{path}' is one the site itself uses ({other_field} in {other}); choose another slug",
    },
    "media.missing": {
        "vi": "không tìm thấy tệp '{file}' (tìm tại {expected}){hint}; kiểm tra tên tệp, kể cả chữ hoa/thường",
        "en": "file '{file}' not found (looked at {expected}){hint}; check the name, including upper/lower case",
    },
    "media.outside": {
        "vi": "'{file}' nằm ngoài thư mục của di tích; hãy đặt tệp cạnh tệp YAML và ghi đường dẫn tương đối",
        "en": "'{file}' is outside the site's folder; put the file beside the YAML file and use a relative path",
    },
    "media.too_large": {
        "vi": "'{file}' quá lớn ({size_mb} MB, tối đa {limit_mb} MB)",
        "en": "'{file}' is too large ({size_mb} MB, at most {limit_mb} MB)",
    },
    "media.type": {
        "vi": "'{file}' không phải loại tệp được hỗ trợ ({allowed})",
        "en": "'{file}' is not a supported file type ({allowed})",
    },
    "media.not_a_photo": {
        "vi": "'{file}' không phải ảnh chụp (nội dung là {kind}, dù tên đuôi là ảnh); hãy xuất lại thành JPEG",
        "en": "'{file}' is not a photo (its content is {kind}, whatever its name says); export it again as JPEG",
    },
    "media.undecodable": {
        "vi": "không đọc được ảnh '{file}' ({reason}); tệp có thể bị hỏng hoặc chép thiếu, hãy chép lại từ máy ảnh",
        "en": "cannot decode the photo '{file}' ({reason}); the file may be damaged or cut short, copy it again from the camera",
    },
    "media.too_many_pixels": {
        "vi": "ảnh '{file}' có {megapixels} triệu điểm ảnh, tối đa {limit} triệu; hãy thu nhỏ (chiều dài 4000 điểm ảnh là đủ)",
        "en": "the photo '{file}' has {megapixels} megapixels, at most {limit}; scale it down (4000 pixels on the long side is plenty)",
    },
    "geojson.landmark_type": {
        "vi": "điểm '{name}' trong tệp có type '{got}' không rõ; hãy dùng một trong {allowed} (shrine: đình, đền, miếu; school: trường học) hoặc bỏ type",
        "en": "point '{name}' in the file has an unknown type '{got}'; use one of {allowed} (shrine, school) or leave type out",
    },
    "geojson.syntax": {
        "vi": "'{file}' không phải JSON hợp lệ ({detail}); hãy xuất lại từ geojson.io",
        "en": "'{file}' is not valid JSON ({detail}); export it again from geojson.io",
    },
    "geojson.geometry": {
        "vi": "tệp GeoJSON có hình '{got}', ở đây chỉ nhận {allowed}",
        "en": "the GeoJSON file holds a '{got}', only {allowed} is accepted here",
    },
    "geojson.short_line": {
        "vi": "đường trong tệp GeoJSON cần ít nhất 2 điểm",
        "en": "a line in the GeoJSON file needs at least 2 points",
    },
    "route.far_from_stop": {
        "vi": "đường vẽ trong '{file}' đi cách điểm dừng này {distance} m (quá {limit} m): khách đi theo đường sẽ không tới "
              "được; hãy kiểm tra tệp đường vẽ có đúng của tuyến này, và tọa độ của điểm dừng",
        "en": "the route drawn in '{file}' passes {distance} m from this stop (more than {limit} m): visitors following "
              "it will not reach the stop; check that the route file belongs to this tour, and the stop's position",
    },
    "geojson.too_many": {
        "vi": "tệp GeoJSON có {count} hình; ở đây cần đúng {most} đường (LineString)",
        "en": "the GeoJSON file holds {count} shapes; exactly {most} line (LineString) is expected here",
    },
    "geojson.text_control": {
        "vi": "thuộc tính '{key}' trong tệp GeoJSON có ký tự điều khiển hoặc đảo chiều chữ vô hình ({char}); hãy xóa",
        "en": "property '{key}' in the GeoJSON file contains an invisible control or text-direction character ({char}); delete it",
    },
    "geojson.text_long": {
        "vi": "thuộc tính '{key}' trong tệp GeoJSON dài {length} ký tự, tối đa {limit}",
        "en": "property '{key}' in the GeoJSON file is {length} characters long, at most {limit}",
    },
    "geojson.too_detailed": {
        "vi": "'{file}' có {count} điểm, tối đa {limit} (mọi điểm đều tải về điện thoại của khách); hãy đơn giản hóa "
              "đường, ví dụ mapshaper.org → Simplify, rồi xuất lại GeoJSON",
        "en": "'{file}' has {count} points, at most {limit} (every point goes to the visitor's phone); simplify the "
              "line, e.g. mapshaper.org → Simplify, and export the GeoJSON again",
    },
    "geojson.position": {
        "vi": "tọa độ {got} trong tệp GeoJSON không phải [kinh độ, vĩ độ]",
        "en": "position {got} in the GeoJSON file is not [longitude, latitude]",
    },
    "link.missing_site": {
        "vi": "không có di tích mã '{id}' trong sites/; kiểm tra lại mã",
        "en": "there is no site with id '{id}' in sites/; check the id",
    },
    "published.needs_house": {
        "vi": "thôn được công bố phải có vị trí nhà văn hóa (cultural_house: lat, lon); hãy điền, hoặc để status: draft",
        "en": "a published village needs its cultural house's position (cultural_house: lat, lon); fill it in, or keep status: draft",
    },
    "published.needs_sources": {
        "vi": "thôn được công bố phải có ít nhất một nguồn (sources); hãy thêm, hoặc để status: draft",
        "en": "a published village needs at least one source (sources); add one, or keep status: draft",
    },
    "link.broken_site": {
        "vi": "di tích '{id}' ({file}) đang có lỗi (xem các dòng báo lỗi của tệp đó); hãy sửa tệp đó trước",
        "en": "site '{id}' ({file}) has errors of its own (see that file's messages); fix it first",
    },
    "link.draft_site": {
        "vi": "di tích '{id}' còn là bản nháp (draft); hãy công bố nó trước, hoặc để bản ghi này ở draft",
        "en": "site '{id}' is still a draft; publish it first, or keep this record as a draft",
    },
    "link.no_location": {
        "vi": "di tích '{id}' chưa có vị trí (location), nên chưa thể là điểm dừng của tuyến",
        "en": "site '{id}' has no location yet, so it cannot be a stop of a tour",
    },
    "angle.range": {
        "vi": "{got} độ nằm ngoài khoảng cho phép ({min} đến {max} độ)",
        "en": "{got} degrees is out of range ({min} to {max} degrees)",
    },
    "hotspot.target": {
        "vi": "điểm nóng cần đúng một đích: 'scene' (cảnh khác của di tích này) hoặc 'site' (mã di tích khác), hoặc chỉ 'text' cho điểm thông tin",
        "en": "a hotspot needs exactly one target: 'scene' (another scene of this site) or 'site' (another site's id), or only 'text' for an info point",
    },
    "panorama.undecodable": {
        "vi": "không đọc được ảnh 360° '{file}' ({reason}); hãy xuất lại ảnh dạng JPEG",
        "en": "cannot read the 360° photo '{file}' ({reason}); export it again as JPEG",
    },
    "panorama.too_many_pixels": {
        "vi": "ảnh 360° '{file}' có {megapixels} megapixel, quá giới hạn {limit} megapixel với PNG/WebP; hãy lưu thành JPEG (ảnh JPEG lớn được tự thu nhỏ) hoặc thu nhỏ ảnh",
        "en": "the 360° photo '{file}' has {megapixels} megapixels, over the {limit}-megapixel limit for PNG/WebP; save it as JPEG (large JPEGs are scaled down automatically) or make it smaller",
    },
    "panorama.too_small": {
        "vi": "ảnh 360° '{file}' chỉ rộng {width} px; cần ít nhất {minimum} px để xem được",
        "en": "the 360° photo '{file}' is only {width} px wide; it needs at least {minimum} px to be worth viewing",
    },
    "panorama.ratio": {
        "vi": "ảnh 360° '{file}' có tỉ lệ {ratio}:1 ({width}×{height} px), không phải 2:1; ảnh 360° đầy đủ (equirectangular) rộng gấp đôi chiều cao, nếu không sẽ bị méo",
        "en": "the 360° photo '{file}' has a {ratio}:1 ratio ({width}×{height} px), not 2:1; a full 360° (equirectangular) photo is twice as wide as high, or it looks distorted",
    },
    "panorama.scene_duplicate": {
        "vi": "tên cảnh '{scene}' đã dùng cho ảnh 360° thứ {other}; hãy đặt 'scene' khác",
        "en": "scene name '{scene}' is already used by 360° photo number {other}; give it a different 'scene'",
    },
    "panorama.scene_unknown": {
        "vi": "không có cảnh '{got}' trong các ảnh 360° của di tích này (có: {allowed})",
        "en": "there is no scene '{got}' among this site's 360° photos (there are: {allowed})",
    },
    "panorama.site_unknown": {
        "vi": "không có di tích mã '{got}'; kiểm tra lại mã (ví dụ TH-0042)",
        "en": "there is no site with id '{got}'; check the id (e.g. TH-0042)",
    },
    "panorama.site_draft": {
        "vi": "di tích '{got}' còn là bản nháp; điểm nóng này chưa hiện cho tới khi di tích đó được công bố",
        "en": "site '{got}' is still a draft; this hotspot stays hidden until that site is published",
    },
    "sites.nearby": {
        "vi": "cách {other} chỉ {distance} m; có phải cùng một di tích được nhập hai lần?",
        "en": "only {distance} m from {other}; is this the same site entered twice?",
    },
    # --- narration (audio recordings, generated speech) -------------------------------
    "audio.unreadable": {
        "vi": "không đọc được '{file}' như một bản ghi âm (tệp hỏng hoặc không phải âm thanh); hãy xuất lại từ điện thoại dạng m4a hoặc mp3",
        "en": "'{file}' cannot be read as a recording (damaged or not audio); export it again from the phone as m4a or mp3",
    },
    "audio.no_stream": {
        "vi": "'{file}' không chứa âm thanh; hãy chọn đúng tệp ghi âm",
        "en": "'{file}' contains no sound track; pick the recording itself",
    },
    "audio.silent": {
        "vi": "'{file}' chỉ có im lặng; kiểm tra micrô rồi ghi âm lại",
        "en": "'{file}' is silent; check the microphone and record again",
    },
    "audio.too_long": {
        "vi": "'{file}' dài {minutes} phút, tối đa {limit} phút; khách nghe tại di tích, hãy rút gọn",
        "en": "'{file}' is {minutes} minutes long, at most {limit}; visitors listen on site, shorten it",
    },
    "audio.low_rate": {
        "vi": "'{file}' được ghi ở {rate} Hz, quá thấp để nghe rõ lời (cần ít nhất {limit} Hz); hãy ghi âm lại bằng điện thoại",
        "en": "'{file}' was recorded at {rate} Hz, too low for clear speech (at least {limit} Hz); record it again with a phone",
    },
    "audio.empty": {
        "vi": "'{file}' là tệp rỗng (0 byte); hãy chép lại bản ghi âm từ điện thoại",
        "en": "'{file}' is empty (0 bytes); copy the recording from the phone again",
    },
    "narration.no_words": {
        "vi": "không có chữ nào để đọc thành tiếng; hãy viết lời thuyết minh hoặc bỏ trống trường này",
        "en": "has no words to read aloud; write the narration or leave the field out",
    },
    "narration.unspeakable": {
        "vi": "giọng đọc máy không đọc được gì từ lời thuyết minh tiếng '{language}'; hãy viết lại bằng chữ",
        "en": "the machine voice said nothing for the '{language}' narration; write it out in words",
    },
    "narration.no_transcript": {
        "vi": "có bản ghi âm tiếng '{language}' nhưng chưa có lời thuyết minh (narration.{language}); hãy chép lời đọc vào để người khiếm thính và công cụ tìm kiếm cũng đọc được",
        "en": "has a '{language}' recording but no narration text (narration.{language}); add what is said so deaf visitors and search can read it",
    },
    "audio.too_short": {
        "vi": "'{file}' chỉ dài {seconds} giây, cần ít nhất {limit} giây; có phải ghi âm bị ngắt?",
        "en": "'{file}' is only {seconds} {seconds:|second|seconds} long, at least {limit} needed; was the recording cut off?",
    },
    "audio.duplicate_lang": {
        "vi": "đã có bản ghi âm tiếng '{language}' ở audio[{other}]; mỗi ngôn ngữ một bản, hãy bỏ bớt một bản",
        "en": "there is already a '{language}' recording at audio[{other}]; one per language, remove one",
    },
    "narration.missing_vi": {
        "vi": "di tích đã công bố nhưng chưa có thuyết minh tiếng Việt để nghe; hãy thêm bản ghi âm vào 'audio' "
              "hoặc bật giọng đọc máy (narration.engine trong mkdocs.yml)",
        "en": "published, but visitors get no Vietnamese narration to listen to; add a recording under 'audio' "
              "or turn on a machine voice (narration.engine in mkdocs.yml)",
    },
    "tts.unknown": {
        "vi": "mkdocs.yml: giọng đọc máy '{engine}' không có; chọn một trong: {choices}",
        "en": "mkdocs.yml: there is no speech engine '{engine}'; choose one of: {choices}",
    },
    "tts.missing": {
        "vi": "chưa cài giọng đọc máy {engine} (mkdocs.yml, narration.engine); hãy chạy: {install}",
        "en": "the speech engine {engine} (mkdocs.yml, narration.engine) is not installed; run: {install}",
    },
    "tts.model_missing": {
        "vi": "không tìm thấy mô hình giọng đọc {path} (và tệp .json đi kèm) cho {engine}; hãy tải về một lần và đặt đúng chỗ",
        "en": "voice model {path} (and its .json beside it) for {engine} not found; download it once and put it there",
    },
    "tts.voice_missing": {
        "vi": "{engine} không có giọng '{voice}' (narration.voices.{lang} trong mkdocs.yml); xem: espeak-ng --voices",
        "en": "{engine} has no voice '{voice}' (narration.voices.{lang} in mkdocs.yml); see: espeak-ng --voices",
    },
    "narration.setting": {
        "vi": "mkdocs.yml: 'extra.diachido.narration{name}' không hợp lệ; cần dạng {expected}",
        "en": "mkdocs.yml: 'extra.diachido.narration{name}' is not valid; expected {expected}",
    },
    "tts.failed": {
        "vi": "giọng đọc máy {engine} bị lỗi: {detail}",
        "en": "the speech engine {engine} failed: {detail}",
    },
    "narration.progress": {"vi": "Đang làm thuyết minh", "en": "Making narration"},
    "narration.done": {
        "vi": "Xong {count} bản thuyết minh ({recorded} ghi âm, {generated} giọng máy): {minutes} phút, {size_kb} KB, {made} bản mới.",
        "en": "Done {count} {count:|narration|narrations} ({recorded} recorded, {generated} machine voice): {minutes} {minutes:|minute|minutes}, {size_kb} KB, {made} new.",
    },
    "refs.unknown": {
        "vi": "Không có hồ sơ đã công bố nào (di tích, tuyến, thôn) có mã hoặc đường dẫn '{ref}'{hint}",
        "en": "No published record (site, tour, village) has the id or slug '{ref}'{hint}",
    },
    # --- summaries and commands -------------------------------------------------------
    "summary.ok": {
        "vi": "Đã kiểm tra {files} tệp: {sites} di tích hợp lệ, {warnings} cảnh báo.",
        "en": "Checked {files} {files:|file|files}: {sites} valid {sites:|site|sites}, {warnings} {warnings:|warning|warnings}.",
    },
    "summary.failed": {
        "vi": "Đã kiểm tra {files} tệp: {errors} lỗi, {warnings} cảnh báo. Hãy sửa các lỗi trên rồi chạy lại.",
        "en": "Checked {files} {files:|file|files}: {errors} {errors:|error|errors}, {warnings} {warnings:|warning|warnings}. Fix the errors above and run again.",
    },
    "build.kept_previous": {
        "vi": "Chưa tạo trang web mới; bản trước trong {site_dir} vẫn giữ nguyên.",
        "en": "No new site was built; the previous one in {site_dir} is unchanged.",
    },
    "build.done": {
        "vi": "Đã tạo trang web cho {sites} di tích trong {site_dir}.",
        "en": "Built the site for {sites} {sites:|site|sites} in {site_dir}.",
    },
    "build.not_a_folder": {
        "vi": "{path} không phải là thư mục (có thể là một tệp trùng tên); hãy đổi tên hoặc chuyển nó đi rồi dựng lại",
        "en": "{path} is not a folder (perhaps a file of that name); rename or move it, then build again",
    },
    "build.locked": {
        "vi": "Một lần dựng trang khác (tiến trình {pid}) đang chạy trong dự án này; hãy đợi nó xong rồi chạy lại "
              "(khóa: {path})",
        "en": "Another build (process {pid}) is running in this project; wait for it to finish, then run again "
              "(lock: {path})",
    },
    "build.disk_full": {
        "vi": "Hết chỗ trên đĩa khi ghi {path}; hãy giải phóng dung lượng rồi dựng lại",
        "en": "The disk is full while writing {path}; free some space, then build again",
    },
    "build.denied": {
        "vi": "Không có quyền ghi {path} ({reason}); hãy kiểm tra quyền của thư mục hoặc ổ đĩa chỉ đọc",
        "en": "Not allowed to write {path} ({reason}); check the folder's permissions, or a read-only disk",
    },
    "build.file_error": {"vi": "Lỗi tệp {path}: {reason}", "en": "File error at {path}: {reason}"},
    "build.content_failed": {"vi": "Không tạo được nội dung: {reason}", "en": "Could not generate the content: {reason}"},
    "build.old_not_removed": {
        "vi": "cảnh báo: trang mới đã được dựng, nhưng không xóa được bản cũ ở {path}; lần dựng sau sẽ thử xóa lại",
        "en": "warning: the new site is in place, but the old copy at {path} could not be deleted; the next build tries again",
    },
    "config.example_site_url": {
        "vi": "Cảnh báo: site_url trong mkdocs.yml vẫn là địa chỉ mẫu ({site_url}). Mã QR in trên biển sẽ dẫn tới "
              "địa chỉ này: hãy đặt địa chỉ thật của trang (xem README, mục \"Đưa trang lên mạng / Publishing\") trước khi in biển.",
        "en": "Warning: site_url in mkdocs.yml is still the shipped example ({site_url}). Printed QR plaques would "
              "lead there: set the site's real address (see README, \"Đưa trang lên mạng / Publishing\") before printing a plaque.",
    },
    "config.example_repository": {
        "vi": "Cảnh báo: extra.diachido.repository.url trong mkdocs.yml vẫn là kho mẫu ({url}). Mọi liên kết \"Báo lỗi\" "
              "và \"sửa tệp\" trên trang sẽ đưa người đọc tới kho của người khác: hãy đặt địa chỉ kho của dự án "
              "(xem README, mục \"Đưa trang lên mạng / Publishing\"), hoặc để trống để ẩn các liên kết đó.",
        "en": "Warning: extra.diachido.repository.url in mkdocs.yml is still the demo repository ({url}). Every "
              "\"Report a problem\" and edit link on the site would send people to someone else's repository: set "
              "your project's repository (see README, \"Đưa trang lên mạng / Publishing\"), or leave it empty to hide them.",
    },
    # --- mkdocs.yml's own settings (ConfigError; the setting's name leads the line) ------
    "config.not_found": {
        "vi": "không tìm thấy tệp; hãy chạy diachido trong thư mục dự án hoặc dùng --project THƯ_MỤC",
        "en": "not found; run diachido in the project folder or pass --project FOLDER",
    },
    "config.not_mapping": {
        "vi": "tệp phải là các dòng 'tên: giá trị' ở cấp ngoài cùng (như mkdocs.yml mẫu)",
        "en": "expected a mapping ('name: value' lines) at the top level, like the shipped mkdocs.yml",
    },
    "config.not_yaml": {"vi": "không phải YAML hợp lệ: {problem}", "en": "not valid YAML: {problem}"},
    "config.block_missing": {
        "vi": "thiếu khối 'extra: diachido:' (cài đặt của dự án); hãy chép nó từ mkdocs.yml mẫu",
        "en": "the 'extra: diachido:' block is missing (the project's settings); copy it from the shipped mkdocs.yml",
    },
    "config.missing": {"vi": "thiếu cài đặt này (bắt buộc)", "en": "this setting is missing (it is required)"},
    "config.bounds_numbers": {
        "vi": "cần bốn số south, west, north, east (vĩ độ, kinh độ của khung tỉnh) ({reason})",
        "en": "needs numbers south, west, north, east (the province's latitude/longitude box) ({reason})",
    },
    "config.bounds_order": {
        "vi": "south phải nhỏ hơn north và west nhỏ hơn east",
        "en": "has south >= north or west >= east; south must be below north and west below east",
    },
    "config.organisation": {
        "vi": "cần 'name:' (và 'logo:') ở dòng dưới, thụt vào",
        "en": "needs 'name:' (and 'logo:') below it",
    },
    "config.languages": {"vi": "phải là một danh sách, ví dụ [vi, en]", "en": "must be a list, e.g. [vi, en]"},
    "config.target": {
        "vi": "mục tiêu số di tích phải là một số nguyên từ 1 trở lên, ví dụ 50 (đang là '{got}')",
        "en": "the target number of sites must be a whole number of at least 1, e.g. 50 (not '{got}')",
    },
    "config.photo_request": {
        "vi": "phải là một địa chỉ web (https://...) hoặc một email dạng mailto:ten@example.org",
        "en": "must be one web address (https://...) or an email as mailto:name@example.org",
    },
    "config.repository_shape": {
        "vi": "cần 'url:' (và 'branch:') ở dòng dưới, thụt vào",
        "en": "needs 'url:' (and 'branch:') below it",
    },
    "config.repository_url": {
        "vi": "phải là một địa chỉ https, ví dụ https://github.com/TO-CHUC/KHO (đang là '{got}')",
        "en": "must be an https address, e.g. https://github.com/ORG/REPO (not '{got}')",
    },
    "config.wikidata_shape": {
        "vi": "cần dạng country: Q..., designations: {{hạng: Q...}}, items: {{mã di tích: Q...}}",
        "en": "needs country: Q..., designations: {{rank: Q...}}, items: {{site id: Q...}}",
    },
    "config.wikidata_rank": {
        "vi": "'{got}' không phải là một hạng di tích ({ranks})",
        "en": "'{got}' is not a rank ({ranks})",
    },
    "config.wikidata_qid": {
        "vi": "'{got}' không phải là mã Wikidata (dạng Q123)",
        "en": "'{got}' is not a Wikidata Q-id (like Q123)",
    },
    "config.map_shape": {
        "vi": "phải là các dòng 'tên: giá trị' thụt vào bên dưới",
        "en": "must be a mapping ('name: value' lines indented below it)",
    },
    "config.map_tiles_url": {
        "vi": "phải là địa chỉ https:// có {{z}}, {{x}} và {{y}}",
        "en": "must be an https:// URL with {{z}}, {{x}} and {{y}}",
    },
    "config.map_attribution": {
        "vi": "bắt buộc: mọi nhà cung cấp bản đồ nền đều yêu cầu ghi nguồn",
        "en": "is required by every tile provider",
    },
    "config.map_max_zoom": {
        "vi": "phải là số nguyên từ 0 đến 30 (đang là '{got}')",
        "en": "must be a whole number from 0 to 30 (not '{got}')",
    },
    "config.map_directions": {"vi": "cần có {{lat}} và {{lon}}", "en": "needs {{lat}} and {{lon}}"},
    "config.map_layer_shape": {
        "vi": "cần 'name' ({{vi: ..., en: ...}}) và 'file' (một tệp GeoJSON trong dự án)",
        "en": "needs 'name' ({{vi: ..., en: ...}}) and 'file' (a GeoJSON file in the project)",
    },
    "config.map_layer_missing": {
        "vi": "không tìm thấy tệp '{file}' trong dự án",
        "en": "file '{file}' not found in the project",
    },
    "config.map_layer_not_json": {
        "vi": "'{file}' không phải GeoJSON ({reason})",
        "en": "'{file}' is not GeoJSON ({reason})",
    },
    "config.map_layer_not_geojson": {
        "vi": "'{file}' không phải GeoJSON FeatureCollection hay Feature",
        "en": "'{file}' is not a GeoJSON FeatureCollection or Feature",
    },
    "build.renderer_failed": {
        "vi": "MkDocs báo lỗi khi dựng trang (xem ở trên).",
        "en": "MkDocs failed while rendering (see above).",
    },
    "new.created": {
        "vi": "Đã tạo {path} với mã {id}. Hãy điền các trường rồi chạy: diachido check",
        "en": "Created {path} with id {id}. Fill in the fields, then run: diachido check",
    },
    "new.no_template": {
        "vi": "không có tệp mẫu {path}; hãy lấy lại tệp từ dự án gốc (hoặc từ lịch sử git)",
        "en": "the template {path} is missing; restore it from the original project (or git history)",
    },
    "new.exists": {
        "vi": "{path} đã tồn tại; không ghi đè. Dùng --slug để chọn tên tệp khác.",
        "en": "{path} already exists; not overwritten. Use --slug to choose another name.",
    },
    "new.bad_slug": {
        "vi": "'{slug}' không dùng được làm tên tệp; hãy chọn tên bằng --slug, chỉ chữ thường không dấu, số và '-', ví dụ --slug den-ba-trieu",
        "en": "'{slug}' cannot be a file name; choose one with --slug, lower-case ASCII letters, digits and '-', e.g. --slug den-ba-trieu",
    },
    "new.ledger_missing": {
        "vi": "không có sổ mã {path} dù dự án đã có di tích hoặc biển QR đã in; không cấp mã mới để tránh trùng mã đã in. Hãy lấy lại tệp từ lịch sử git",
        "en": "the id ledger {path} is missing although the project has sites or printed plaques; no id is handed out, it could repeat a printed one. Restore it from git history",
    },
    "import.created": {"vi": "dòng {row}: đã tạo {path} ({id})", "en": "row {row}: created {path} ({id})"},
    "import.exists": {
        "vi": "dòng {row}: bỏ qua, {path} đã tồn tại (không ghi đè)",
        "en": "row {row}: skipped, {path} already exists (not overwritten)",
    },
    "import.rejected": {"vi": "dòng {row}, cột {field}: {message}", "en": "row {row}, column {field}: {message}"},
    "import.nothing_written": {
        "vi": "Chưa tạo hồ sơ nào: {rejected} dòng bị từ chối. Hãy sửa các dòng trên trong bảng tính rồi nhập lại.",
        "en": "No record was created: {rejected} {rejected:|row was|rows were} rejected. Fix the rows above in the spreadsheet and import again.",
    },
    "import.cell_too_long": {
        "vi": "ô dài {length} ký tự, tối đa {limit}; có phải cả một văn bản đã bị dán vào một ô?",
        "en": "the cell is {length} characters long, at most {limit}; was a whole document pasted into one cell?",
    },
    "import.missing_columns": {
        "vi": "tệp CSV thiếu cột bắt buộc: {columns}",
        "en": "the CSV lacks required columns: {columns}",
    },
    "import.duplicate_column": {
        "vi": "{path}: cột '{column}' xuất hiện hai lần (cột thứ {first} và thứ {second}); hãy đổi tên hoặc xóa một cột, "
              "nếu không dữ liệu của một cột sẽ bị mất",
        "en": "{path}: column '{column}' appears twice (columns {first} and {second}); rename or delete one, "
              "otherwise one column's data would be lost",
    },
    "import.ignored_columns": {
        "vi": "cảnh báo: không nhập các cột không có trong mẫu (sites/_import_template.csv): {columns}",
        "en": "warning: not importing columns that are not in the template (sites/_import_template.csv): {columns}",
    },
    "import.join_without_id": {
        "vi": "{path}: tệp ghép (--join) cần cột 'id' để khớp với các dòng của tệp chính",
        "en": "{path}: the --join file needs an 'id' column to match the rows of the main file",
    },
    "import.encoding": {
        "vi": "Đã đọc bảng tính theo bảng mã {encoding}; lần sau nên lưu dạng 'CSV UTF-8'.",
        "en": "Read the spreadsheet as {encoding}; next time save it as 'CSV UTF-8'.",
    },
    "import.unreadable": {"vi": "{path}: không đọc được tệp: {reason}", "en": "{path}: cannot read the file: {reason}"},
    "import.too_large": {
        "vi": "{path}: tệp quá lớn ({size} byte, tối đa {limit}); một bảng tính di tích chỉ cần vài trăm dòng chữ",
        "en": "{path}: the file is too large ({size} bytes, at most {limit}); a spreadsheet of sites needs a few hundred rows of text",
    },
    "import.too_many_rows": {
        "vi": "{path}: hơn {limit} dòng; hãy chia bảng tính thành nhiều tệp nhỏ hơn",
        "en": "{path}: more than {limit} rows; split the spreadsheet into smaller files",
    },
    "import.not_text": {
        "vi": "{path}: không phải bảng tính dạng chữ; trong Excel chọn Tệp > Lưu thành > 'CSV UTF-8 (phân cách bằng dấu phẩy)'",
        "en": "{path}: not a text spreadsheet; in Excel choose File > Save As > 'CSV UTF-8 (Comma delimited)'",
    },
    "import.old_excel": {
        "vi": "{path}: tệp Excel cũ (.xls) hoặc có đặt mật khẩu; hãy mở trong Excel, bỏ mật khẩu và lưu dạng "
              "'Sổ làm việc Excel (.xlsx)' hoặc 'CSV UTF-8'",
        "en": "{path}: an old Excel file (.xls) or a password-protected one; open it in Excel, remove the password and "
              "save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'",
    },
    "import.not_xlsx": {
        "vi": "{path}: tệp nén nhưng không phải sổ Excel .xlsx đọc được (có thể là .ods hoặc tệp hỏng); hãy lưu lại "
              "dạng .xlsx hoặc 'CSV UTF-8'",
        "en": "{path}: a zip file but not a readable Excel .xlsx workbook (perhaps .ods, or damaged); save it again "
              "as .xlsx or 'CSV UTF-8'",
    },
    "import.csv_syntax": {
        "vi": "{path}:{line}: CSV hỏng ({problem}); thường do một dấu ngoặc kép chưa đóng",
        "en": "{path}:{line}: malformed CSV ({problem}); usually a quotation mark that is never closed",
    },
    "import.write_failed": {
        "vi": "không ghi được {path}: {reason}; đã hoàn tác, không có hồ sơ nào được tạo và sổ mã vẫn như cũ",
        "en": "cannot write {path}: {reason}; undone: no record was created and the id ledger is as it was",
    },
    "import.summary": {
        "vi": "Nhập xong: {created} hồ sơ mới, {skipped} bỏ qua.",
        "en": "Import done: {created} new records, {skipped} skipped.",
    },
    "schema.written": {"vi": "Đã ghi JSON Schema vào {path}", "en": "Wrote the JSON Schema to {path}"},
    "serve.kept_previous": {
        "vi": "{problem}. Trang xem trước vẫn giữ bản tốt gần nhất; hãy sửa rồi lưu lại.",
        "en": "{problem}. The preview keeps the last good version; fix it and save again.",
    },
    "serve.address_busy": {
        "vi": "Không mở được trang xem trước tại {address}: {reason}. Hãy đóng chương trình đang dùng địa chỉ này "
              "hoặc chọn địa chỉ khác, ví dụ --address 127.0.0.1:8001.",
        "en": "Cannot open the preview at {address}: {reason}. Close the program using that address or choose "
              "another, e.g. --address 127.0.0.1:8001.",
    },
    "serve.watching": {
        "vi": "Đang theo dõi {path}; trang xem trước sẽ tự cập nhật khi bạn sửa tệp YAML hoặc ảnh.",
        "en": "Watching {path}; the preview updates when you change a YAML file or photo.",
    },
    # --- QR plaques (generator/plaques/) ------------------------
    "plaques.written": {
        "vi": "Đã tạo {count} tệp biển QR trong {path}.",
        "en": "Wrote {count} QR plaque files to {path}.",
    },
    "plaques.sheet_written": {
        "vi": "Đã tạo tờ in {path}: {count} biển, kèm dấu cắt và trang danh sách.",
        "en": "Wrote the print sheet {path}: {count} {count:|plaque|plaques}, with cut marks and an index page.",
    },
    "plaques.none": {
        "vi": "Chưa có di tích nào được công bố (status: published); không có biển nào để tạo.",
        "en": "No site is published yet (status: published); there is no plaque to make.",
    },
    "plaques.recorded": {
        "vi": "Đã ghi {count} địa chỉ vào sổ biển QR {path}; hãy commit tệp này cùng đợt in.",
        "en": "Recorded {count} URLs in the plaque register {path}; commit it with this print run.",
    },
    "plaques.example_site_url": {
        "vi": "Không ghi sổ: site_url trong mkdocs.yml vẫn là địa chỉ mẫu {site_url}. Biển đã in giữ địa chỉ nhiều năm; "
              "hãy đặt site_url là địa chỉ thật của trang rồi chạy lại --record",
        "en": "Not recorded: site_url in mkdocs.yml is still the example {site_url}. A printed plaque keeps its address "
              "for years; set site_url to the site's real address, then run --record again",
    },
    "plaques.unledgered": {
        "vi": "Không in: có mã chưa ghi trong sổ mã {ledger}, nên có thể bị cấp lại cho di tích khác. "
              "Hãy thêm (các) dòng sau vào cuối tệp đó, commit, rồi chạy lại:\n{lines}",
        "en": "Not printed: some ids are not in the id ledger {ledger}, so they could be handed out again. "
              "Add these lines at its end, commit, then run again:\n{lines}",
    },
    "plaques.verified": {
        "vi": "Đã quét thử {count} biển QR: tất cả đọc đúng địa chỉ.",
        "en": "Scanned {count} QR plaques: every one reads the right URL.",
    },
    "plaques.verify_unreadable": {
        "vi": "{path}: không đọc được mã QR",
        "en": "{path}: the QR code cannot be read",
    },
    "plaques.verify_many": {
        "vi": "{path}: thấy {count} mã QR, cần đúng một",
        "en": "{path}: found {count} QR codes, expected exactly one",
    },
    "plaques.verify_wrong": {
        "vi": "{path}: mã QR đọc ra {got}, nhưng phải là {expected}",
        "en": "{path}: the QR code reads {got}, expected {expected}",
    },
    "plaques.verify_photo": {
        "vi": "{path}: quét tệp thì đọc được, nhưng ảnh chụp mô phỏng điện thoại ở khoảng cách dự kiến thì không; đừng in biển này",
        "en": "{path}: the file reads, but a simulated phone photo at the intended distance does not; do not print this plaque",
    },
    "plaques.verify_pdf_only": {
        "vi": "--verify quét các tệp PNG; hãy chạy kèm --format png",
        "en": "--verify scans the PNG files; run it with --format png",
    },
    "plaques.missing_glyphs": {
        "vi": "di tích {id}: phông chữ của biển không có ký tự {chars}; hãy gõ lại tên bằng bộ gõ tiếng Việt Unicode",
        "en": "site {id}: the plaque font has no {chars}; retype the name with a Unicode Vietnamese keyboard",
    },
    "plaques.logo_missing": {
        "vi": "không tìm thấy logo {path} (extra.diachido.organisation.logo trong mkdocs.yml)",
        "en": "logo {path} not found (extra.diachido.organisation.logo in mkdocs.yml)",
    },
    "plaques.text_too_long": {
        "vi": "không xếp được '{text}' lên biển, kể cả ở cỡ chữ nhỏ nhất; hãy rút gọn",
        "en": "'{text}' does not fit on the plaque even at the smallest type size; shorten it",
    },
    "plaques.no_room": {
        "vi": "biển cỡ {size} không còn chỗ cho tên di tích",
        "en": "a {size} plaque has no room left for the site's name",
    },
    "plaques.dpi_too_low": {
        "vi": "độ phân giải {dpi} dpi quá thấp cho biển cỡ {size}",
        "en": "{dpi} dpi is too low for a {size} plaque",
    },
    "plaques.registry_invalid": {
        "vi": "{path}: sổ biển QR bị hỏng ({problem}); hãy lấy lại bản trước từ lịch sử git, đừng xóa tệp",
        "en": "{path}: the plaque register is damaged ({problem}); restore it from git history, do not delete it",
    },
    "plaques.registry_bad_url": {
        "vi": "{path}: url: mục {id} trong sổ biển QR ghi địa chỉ {url}, không phải địa chỉ https của một trang "
              "trong web (không được có '..', '.', '\\' hay ?truy vấn). Mục này trong sổ bị sai, không phải "
              "site_url: hãy sửa nó theo địa chỉ in trên biển (xem lịch sử git của sổ)",
        "en": "{path}: url: entry {id} of the plaque register has the address {url}, which is not an https address "
              "of a page of the site (no '..', '.', '\\' or ?query). This register entry is wrong, not site_url: "
              "correct it to the address printed on the plaque (see the register's git history)",
    },
    "plaques.registry_unknown_key": {
        "vi": "{path}: {key}: mục {id} trong sổ biển QR có trường lạ '{key}' (chỉ dùng: {allowed}); hãy xóa hoặc "
              "sửa tên trường",
        "en": "{path}: {key}: entry {id} of the plaque register has an unknown field '{key}' (allowed: {allowed}); "
              "remove it or correct its name",
    },
    "plaques.registry_dead": {
        "vi": "biển QR {id} đã in (ngày {printed}) trỏ tới {url}, nhưng trang web mới không có trang đó "
              "(thiếu {page}); biển trên tường sẽ báo lỗi 404. Hãy giữ di tích {id} ở trạng thái published "
              "và không đổi mã của nó",
        "en": "QR plaque {id}, printed {printed}, points to {url}, but the new site has no such page "
              "(missing {page}); the plaque on the wall would show a 404. Keep site {id} published "
              "and never change its id",
    },
    "plaques.printed_unpublished": {
        "vi": "biển QR {id} đã in (ngày {printed}) trỏ tới {url}, nhưng không còn hồ sơ {id} nào ở trạng thái "
              "published (hồ sơ bị xóa hoặc chuyển về draft); \"diachido build\" sẽ từ chối vì biển trên tường sẽ "
              "báo lỗi 404. Hãy giữ hồ sơ {id} với status: published",
        "en": "QR plaque {id}, printed {printed}, points to {url}, but no record {id} is published any more (deleted "
              "or back to draft); \"diachido build\" will refuse, as the plaque on the wall would show a 404. "
              "Keep record {id} with status: published",
    },
    "plaques.registry_moved": {
        "vi": "biển QR {id} đã in (ngày {printed}) trỏ tới {url}, nằm ngoài site_url hiện tại ({site_url}); "
              "mọi biển đã in sẽ hỏng. Hãy đặt lại site_url cũ trong mkdocs.yml, hoặc giữ trang cũ hoạt động "
              "và chuyển hướng sang địa chỉ mới",
        "en": "QR plaque {id}, printed {printed}, points to {url}, outside the current site_url ({site_url}); "
              "every printed plaque would break. Put the old site_url back in mkdocs.yml, or keep the old "
              "site running with redirects to the new address",
    },
    "plaques.field_text": {
        "vi": "{option} có ký tự {char} (xuống dòng, vô hình hoặc điều khiển, thường do dán từ ứng dụng chat); hãy gõ lại "
              "đoạn chữ đó trên một dòng. Chưa ghi gì vào sổ",
        "en": "{option} contains {char} (a line break, invisible or control character, often pasted from a chat app); "
              "type the text again on one line. Nothing was recorded",
    },
    "plaques.future_date": {
        "vi": "ngày {date} chưa tới; hãy ghi ngày đã gắn hoặc đã kiểm tra biển (YYYY-MM-DD). Chưa ghi gì vào sổ",
        "en": "{date} has not come yet; give the day the plaque was installed or checked (YYYY-MM-DD). Nothing was recorded",
    },
    "plaques.registry_unsaved": {
        "vi": "không ghi được {path} vì sổ sẽ không đọc lại được ({problem}); sổ vẫn giữ nguyên",
        "en": "{path} was not written: it would not read back ({problem}); the registry is unchanged",
    },
    "plaques.not_printed": {
        "vi": "{path} chưa có biển QR nào của {id}; hãy in và ghi sổ trước (diachido plaques --record)",
        "en": "{path} has no plaque of {id} yet; print and record it first (diachido plaques --record)",
    },
    "plaques.no_installation": {
        "vi": "biển {id} không có lần gắn nào ngày {date} còn trên tường để thay",
        "en": "plaque {id} has no installation dated {date} still on the wall to replace",
    },
    "plaques.field_needs_date": {
        "vi": "hãy cho biết ngày bằng --date YYYY-MM-DD",
        "en": "give the date with --date YYYY-MM-DD",
    },
    "plaques.check_needs_state": {
        "vi": "hãy cho biết tình trạng biển bằng --state good|faded|damaged|missing",
        "en": "give the plaque's state with --state good|faded|damaged|missing",
    },
    "plaques.installed_recorded": {
        "vi": "Đã ghi: biển {id} gắn ngày {date} ({path}).",
        "en": "Recorded: plaque {id} installed on {date} ({path}).",
    },
    "plaques.check_recorded": {
        "vi": "Đã ghi: kiểm tra biển {id} ngày {date}, tình trạng {state} ({path}).",
        "en": "Recorded: plaque {id} checked on {date}, state {state} ({path}).",
    },
    "build.plaques_broken": {
        "vi": "Không dựng trang: {count} biển QR đã in sẽ trỏ vào trang không tồn tại (xem ở trên).",
        "en": "Not built: {count} printed QR {count:|plaque|plaques} would point to missing pages (see above).",
    },
    "export.written": {
        "vi": "Đã ghi {path} ({count} di tích đã công bố).",
        "en": "Wrote {path} ({count} published {count:|site|sites}).",
    },
    "export.tour_written": {"vi": "Đã ghi {path} (tuyến tham quan).", "en": "Wrote {path} (a tour)."},
}


class _Formatter(string.Formatter):
    """``str.format`` with two additions the catalogue needs.

    ``{count:|site|sites}`` picks the word for the count (English plurals: "1 error",
    "2 errors"), and in Vietnamese a measured decimal is written with a comma ("1,5 giây"),
    as Vietnamese readers write it. ``got`` echoes what the volunteer typed, so it keeps
    the YAML's own decimal point (a comma there would be a different value).
    """

    def __init__(self, lang: str):
        self.lang = lang

    def get_value(self, key: int | str, args: Any, kwargs: Any) -> object:
        value = super().get_value(key, args, kwargs)
        return _Measured(value) if self.lang == "vi" and key != "got" and type(value) is float else value

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("|"):
            one, many = format_spec[1:].split("|")
            return one if value == 1 and not isinstance(value, float) else many
        text = super().format_field(value, format_spec)
        return text.replace(".", ",") if isinstance(value, _Measured) else text


class _Measured(float):
    """A decimal the generator measured (seconds, megabytes, metres), not one typed in."""


def translate(code: str, lang: str, **params: object) -> str:
    """Fill in the message ``code`` in ``lang`` (falls back to Vietnamese).

    A parameter may itself be a message, given as ``(code, params)``: hints are.
    """
    texts = CATALOGUE[code]
    filled = {
        key: translate(value[0], lang, **value[1]) if isinstance(value, tuple) else value
        for key, value in params.items()
    }
    chosen = lang if lang in texts else "vi"
    return _Formatter(chosen).format(texts[chosen], **filled)


def pick_language(explicit: str | None = None) -> str:
    """``--lang`` wins, then DIACHIDO_LANG, then the locale; Vietnamese by default."""
    for candidate in (explicit, os.environ.get("DIACHIDO_LANG")):
        if candidate:
            return candidate if candidate in LANGUAGES else "vi"
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "en" if value.startswith("en") else "vi"
    return "vi"
