import "server-only";
import type { Download } from "@/lib/platform/http/downloadResponse";
import { templateDownload, type TemplateFormat } from "@/lib/features/imports/template";
import { PERSON_COLUMNS } from "@/lib/features/persons/personColumns";

/**
 * The people file's template: the bilingual header (required columns marked) and one example row, a
 * fictional person whose ID number has a valid check digit; employee no. and ID columns kept as text.
 */
export async function personImportTemplate(format: TemplateFormat): Promise<Download> {
  return templateDownload(
    {
      columns: PERSON_COLUMNS,
      sheetName: "人员 People",
      fileStem: "人员导入模板",
      asciiStem: "people-template",
      notes: [
        "空单元格保留已登记的值；是/否列可填“是/否”或Y/N。 An empty cell keeps the recorded value; yes/no columns take 是/否 or Y/N.",
      ],
    },
    format,
  );
}
